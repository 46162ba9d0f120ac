//! The detection engine: dispatches files to the readers, records units,
//! components and facts, evaluates the rules and ranks the catalog.

use crate::rules::{ComponentRule, DIMENSIONS, Rules, rules};
use crate::sniff::{Template, looks_like_deployment, template};
use crate::yaml::{Node, YamlError, load_all};
use crate::{
    Alternative, Component, Detection, DimensionResult, Dimensions, Evidence, Ignored, Input,
    PatternMatch, PatternPoint, Source, View,
};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Component as PathPart, Path, PathBuf};

/// A named observation. Rules count facts by name.
#[derive(Debug, Clone)]
pub(crate) struct Fact {
    pub name: String,
    pub family: &'static str,
    pub file: usize,
    pub line: u32,
    pub note: String,
}

/// A container of a unit: image, where it is given, container name.
pub(crate) struct Container<'a> {
    pub image: Option<&'a str>,
    /// File and line of its image (a merged Compose service's image may
    /// come from another file than the service's definition).
    pub at: (usize, u32),
    pub name: &'a str,
    pub ports: Vec<u32>,
    /// Names of its environment variables.
    pub env: Vec<&'a str>,
    /// A database's port at which another unit's configuration addresses
    /// this one (`MONGO_HOST=user-db:27017`).
    pub addressed_at: Option<u32>,
}

/// What a unit turned out to be.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Role {
    App,
    Infra(String),
    Other(String),
    /// Functions (Knative) are their own thing.
    Function,
}

pub(crate) struct Cx<'i> {
    pub rules: &'static Rules,
    pub inputs: &'i [Input],
    pub facts: Vec<Fact>,
    pub components: Vec<Component>,
    pub ignored: Vec<Ignored>,
    pub problems: Vec<Ignored>,
    /// file index -> family, for files recognised.
    pub recognised: BTreeMap<usize, &'static str>,
    seen_units: HashSet<(&'static str, String)>,
    /// (fact name, thing) of the facts recorded with `distinct_fact`.
    seen_things: HashSet<(&'static str, String)>,
    /// (family, unit) of the units recorded with `broker_client`.
    broker_clients: HashSet<(&'static str, String)>,
    /// Kubernetes objects resolved once every document is read.
    pub k8s: crate::k8s::State,
    pub terraform: crate::terraform::State,
    /// Commands that would render what cannot be read as it is.
    pub render: BTreeSet<String>,
    /// file index -> its documents' templates, for standard input only.
    origins: HashMap<usize, crate::origin::Origins>,
}

impl<'i> Cx<'i> {
    pub fn path(&self, file: usize) -> &str {
        &self.inputs[file].path
    }
    /// The directory of a file, as given (empty for a bare file name).
    pub fn directory(&self, file: usize) -> String {
        let parent = Path::new(self.path(file)).parent();
        parent.map(|p| p.display().to_string()).unwrap_or_default()
    }
    /// The template a line of standard input was rendered from.
    pub fn rendered_from(&self, file: usize, line: u32) -> Option<String> {
        self.origins.get(&file)?.at(line).map(str::to_string)
    }
    pub fn fact(
        &mut self,
        name: &str,
        family: &'static str,
        file: usize,
        line: u32,
        note: impl Into<String>,
    ) {
        self.facts.push(Fact {
            name: name.to_string(),
            family,
            file,
            line,
            note: note.into(),
        });
    }
    pub fn ignore(
        &mut self,
        file: usize,
        line: Option<u32>,
        what: impl Into<String>,
        reason: impl Into<String>,
    ) {
        self.ignored.push(Ignored {
            file: self.path(file).to_string(),
            line,
            what: what.into(),
            reason: reason.into(),
            rendered_from: line.and_then(|l| self.rendered_from(file, l)),
        });
    }
    pub fn problem(
        &mut self,
        file: usize,
        line: Option<u32>,
        what: impl Into<String>,
        reason: impl Into<String>,
    ) {
        self.problems.push(Ignored {
            file: self.path(file).to_string(),
            line,
            what: what.into(),
            reason: reason.into(),
            rendered_from: line.and_then(|l| self.rendered_from(file, l)),
        });
    }
    /// Whether the local path a file refers to (a Compose include, a
    /// Terraform module's directory), relative to that file's directory, is
    /// among the files read: the file itself, or any file inside it.
    pub fn refers_to_read(&self, file: usize, target: &str) -> bool {
        let base = Path::new(self.path(file)).parent().unwrap_or(Path::new(""));
        let target = lexical(&base.join(target));
        self.inputs
            .iter()
            .any(|i| lexical(Path::new(&i.path)).starts_with(&target))
    }
    /// Records that the directory `dir` holds input for `tool` (`helm
    /// template`, `kubectl kustomize`) rather than manifests.
    pub fn render_with(&mut self, tool: &str, dir: &str) {
        let dir = if dir.is_empty() { "." } else { dir };
        self.render
            .insert(format!("{tool} {dir} | archsel detect -"));
    }
    pub fn recognise(&mut self, file: usize, family: &'static str) {
        self.recognised.entry(file).or_insert(family);
    }
    /// Records a fact about a named thing (a cloud, a region) the first
    /// time any file names that thing: the rules that count such facts
    /// (several clouds, several regions) count things, not the files
    /// that repeat them (a provider block in every Terraform file, one
    /// `serverless.yml` per service).
    pub fn distinct_fact(
        &mut self,
        name: &'static str,
        thing: &str,
        family: &'static str,
        file: usize,
        line: u32,
        note: impl Into<String>,
    ) {
        if self.seen_things.insert((name, thing.to_string())) {
            self.fact(name, family, file, line, note);
        }
    }
    /// Records that a unit uses a broker (names it in its configuration,
    /// depends on it, or is triggered by it), once per unit: a broker that
    /// merely exists says nothing about how the other units talk.
    pub fn broker_client(
        &mut self,
        family: &'static str,
        file: usize,
        line: u32,
        unit: &str,
        note: impl Into<String>,
    ) {
        if self.broker_clients.insert((family, unit.to_string())) {
            self.fact("broker-client", family, file, line, note);
        }
    }
    /// True the first time a unit key is seen in a family (kustomize bases and
    /// overlays, Compose overrides declare the same unit twice).
    pub fn first_sighting(&mut self, family: &'static str, key: String) -> bool {
        self.seen_units.insert((family, key))
    }

    /// Records a component and its facts.
    #[allow(clippy::too_many_arguments)]
    pub fn component(
        &mut self,
        rule: &ComponentRule,
        family: &'static str,
        file: usize,
        line: u32,
        unit: &str,
        managed: bool,
        how: &str,
    ) {
        let note = format!("{} `{unit}`: {} ({how})", rule.kind, rule.name);
        self.components.push(Component {
            id: rule.id.clone(),
            kind: rule.kind.clone(),
            name: rule.name.clone(),
            unit: unit.to_string(),
            managed,
            source: family.to_string(),
            evidence: Evidence {
                file: self.path(file).to_string(),
                line,
                note: note.clone(),
                rule: None,
                rendered_from: self.rendered_from(file, line),
            },
        });
        self.fact(&rule.kind, family, file, line, note.clone());
        if self.rules.is_infra(&rule.kind) {
            let f = if managed {
                "managed-infra"
            } else {
                "self-run-infra"
            };
            self.fact(f, family, file, line, note.clone());
        }
        if managed && rule.kind == "gateway" {
            self.fact("managed-gateway", family, file, line, note);
        }
    }

    /// Identifies what a container is from its image, its environment, its
    /// name (`name`: the unit's for its main container) or a port.
    pub fn identify(
        &self,
        container: &Container,
        name: &str,
    ) -> Option<(&'static ComponentRule, &'static str)> {
        let r = self.rules;
        let (image, ports) = (container.image, &container.ports);
        if let Some(c) = image.and_then(|i| r.by_image(i)) {
            return Some((c, "image"));
        }
        // Variables only a data service's own image reads
        // (`MYSQL_ROOT_PASSWORD`): a database image built on the official one.
        if let Some(c) = container.env.iter().find_map(|e| r.by_env(e)) {
            return Some((c, "environment"));
        }
        if let Some(img) = image {
            // an image we can name (not a variable) that matched nothing is the
            // application, unless the unit's name and the image (its name or
            // tag) both name a component (`redis-replica` running
            // `gb-redisslave`, `kafka` running `open-telemetry/demo:3.0.0-kafka`)
            if !img.contains("${") && !img.is_empty() {
                if let Some(c) = addressed_database(r, name, img, || container.addressed_at) {
                    return Some((c, ADDRESSED_DATABASE));
                }
                let (repo, name_only) = crate::rules::image_repo(img);
                let by_name = r.by_image(&name.to_ascii_lowercase())?;
                let tag = img.get(repo.len()..).unwrap_or("");
                let last = format!("{name_only}{tag}").to_ascii_lowercase();
                let image_names_it = by_name
                    .images
                    .iter()
                    .any(|e| !e.contains('/') && e.len() >= 4 && last.contains(e.as_str()));
                return image_names_it.then_some((by_name, "name"));
            }
        }
        if let Some(img) = image {
            // An image given by a variable (`${KAFKA_IMAGE}`, `${DB:-postgres:16}`,
            // set in a .env file we do not read): its default, the variable's
            // name and the unit's name say what it is.
            for var in img.split("${").skip(1) {
                let var = var.split('}').next().unwrap_or(var);
                let (var_name, default) = match var.split_once(":-").or(var.split_once('-')) {
                    Some((n, d)) => (n, Some(d)),
                    None => (var, None),
                };
                let candidates = default.into_iter().chain([var_name, name]);
                if let Some(c) = candidates
                    .filter(|c| !c.is_empty())
                    .find_map(|c| r.by_image(&c.to_ascii_lowercase()))
                {
                    return Some((c, "name"));
                }
            }
        }
        if let Some(c) = r.by_name(name) {
            return Some((c, "name"));
        }
        // A port is the last resort, for a unit with no image at all: an
        // image that is not a database's (even one set by a variable) or a
        // build from source is the application, whatever it exposes.
        if image.is_some() {
            return None;
        }
        ports
            .iter()
            .find_map(|p| r.by_port(*p))
            .map(|c| (c, "port"))
    }

    /// Records a unit (Compose service, pod template) and its containers.
    /// Returns the unit's role.
    #[allow(clippy::too_many_arguments)]
    pub fn unit(
        &mut self,
        family: &'static str,
        file: usize,
        line: u32,
        label: &str,
        name: &str,
        containers: &[Container],
        count_as_app: bool,
    ) -> Role {
        let Some(main) = containers.first() else {
            return Role::Other("empty".into());
        };
        self.fact("workload", family, file, line, format!("{label} `{name}`"));
        let mut role = Role::App;
        if let Some((c, how)) = self.identify(main, name) {
            let managed = false;
            self.component(c, family, main.at.0, main.at.1, name, managed, how);
            role = if c.kind == "function" {
                Role::Function
            } else if self.rules.is_non_app(&c.kind) {
                if self.rules.is_infra(&c.kind) {
                    Role::Infra(c.kind.clone())
                } else {
                    if c.kind == "gateway" {
                        self.fact(
                            "gateway-unit",
                            family,
                            file,
                            line,
                            format!("{label} `{name}`: {}", c.name),
                        );
                    }
                    Role::Other(c.kind.clone())
                }
            } else {
                Role::App
            };
        }
        if role == Role::App {
            if count_as_app {
                let img = main.image.map(|i| format!(" ({i})")).unwrap_or_default();
                self.fact(
                    "app-unit",
                    family,
                    file,
                    line,
                    format!("{label} `{name}`{img}"),
                );
            } else {
                role = Role::Other(label.to_string());
            }
        }
        // A second container is a sidecar only beside an application (a
        // node agent's helper in a DaemonSet is nobody's sidecar); the
        // component is that container, not the unit it sits in.
        let beside_app = matches!(role, Role::App | Role::Function);
        for extra in &containers[1..] {
            let (f, l) = extra.at;
            let what = format!("container `{}` beside `{name}`", extra.name);
            let found = self.identify(extra, extra.name);
            match found {
                Some((c, how)) if self.rules.is_infra(&c.kind) => {
                    self.component(c, family, f, l, extra.name, false, how);
                    let note = format!("{} inside unit `{name}`", c.name);
                    self.fact("infra-same-unit", family, f, l, note);
                }
                Some((c, how)) if c.kind == "mesh-proxy" => {
                    self.component(c, family, f, l, extra.name, false, how);
                    self.fact("mesh-injection", family, f, l, format!("mesh proxy {what}"));
                }
                Some((c, how)) if beside_app => {
                    // whatever it is alone (a log shipper is observability),
                    // beside the application it is a sidecar
                    let sidecar = ComponentRule {
                        kind: "sidecar".into(),
                        ..c.clone()
                    };
                    let how = format!("{how}, beside `{name}`");
                    self.component(&sidecar, family, f, l, extra.name, false, &how);
                }
                Some((c, how)) => self.component(c, family, f, l, extra.name, false, how),
                None if beside_app => {
                    self.fact("sidecar", family, f, l, format!("companion {what}"));
                }
                None => {}
            }
        }
        role
    }
}

/// Classifies the inputs. Pure: reads nothing but `inputs`.
pub fn detect(inputs: &[Input], catalog: &[PatternPoint]) -> Detection {
    let mut cx = Cx {
        rules: rules(),
        inputs,
        facts: Vec::new(),
        components: Vec::new(),
        ignored: Vec::new(),
        problems: Vec::new(),
        recognised: BTreeMap::new(),
        seen_units: HashSet::new(),
        seen_things: HashSet::new(),
        broker_clients: HashSet::new(),
        k8s: Default::default(),
        terraform: Default::default(),
        render: BTreeSet::new(),
        // Files are cited by their own path and line; only standard input
        // needs the rendered output's own account of where it came from.
        origins: inputs
            .iter()
            .enumerate()
            .filter(|(_, i)| i.path == "-")
            .map(|(n, i)| (n, crate::origin::Origins::scan(&i.text)))
            .collect(),
    };
    let mut compose = crate::compose::Projects::default();
    // Compose base files first, their overrides last.
    let mut order: Vec<usize> = (0..inputs.len()).collect();
    order.sort_by_key(|&i| (crate::compose::merge_rank(&inputs[i].path), i));
    parse_in_order(inputs, &order, |i, parsed| {
        read_one(&mut cx, &mut compose, i, &parsed)
    });
    compose.finish(&mut cx);
    crate::k8s::finish(&mut cx);
    crate::terraform::finish(&mut cx);
    classify(cx, catalog)
}

fn is_tf(path: &str) -> bool {
    path.ends_with(".tf")
}

/// How a file turned out before reading: not text, Terraform, or YAML parsed.
enum Parsed<'a> {
    Binary,
    /// The parser failed unexpectedly (a bug); reported, not fatal.
    Failed,
    NotUtf8,
    Terraform(&'a str),
    Yaml {
        docs: Vec<Node<'a>>,
        err: Option<YamlError>,
        template: Option<Template>,
        /// Named or keyed like a deployment file (only looked at on error).
        deployment: bool,
    },
}

fn parse(input: &Input) -> Parsed<'_> {
    if input.text.iter().take(8192).any(|&b| b == 0) {
        return Parsed::Binary;
    }
    let Ok(text) = std::str::from_utf8(&input.text) else {
        return Parsed::NotUtf8;
    };
    if is_tf(&input.path) {
        return Parsed::Terraform(text);
    }
    let (docs, err) = load_all(text);
    let deployment = err.is_some() && looks_like_deployment(&input.path, text);
    Parsed::Yaml {
        docs,
        err,
        template: template(text),
        deployment,
    }
}

/// Parses the inputs on all cores (parsing is most of the time) and hands
/// each result to `read` in `order`, as soon as it and those before it are
/// parsed: reading the first files overlaps parsing the last ones.
fn parse_in_order<'a>(
    inputs: &'a [Input],
    order: &[usize],
    mut read: impl FnMut(usize, Parsed<'a>),
) {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    if threads < 2 || inputs.len() < 16 {
        return order.iter().for_each(|&i| read(i, parse(&inputs[i])));
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|s| {
        let (done, results) = std::sync::mpsc::channel();
        for _ in 0..threads {
            let (done, next) = (done.clone(), &next);
            s.spawn(move || {
                // Each worker takes the next file in `order` (no chunk can
                // hold the others up); a parser panic fails only its file.
                loop {
                    let k = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(&i) = order.get(k) else { break };
                    let input = &inputs[i];
                    let parsed =
                        std::panic::catch_unwind(|| parse(input)).unwrap_or(Parsed::Failed);
                    if done.send((k, parsed)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done);
        // Results arrive out of order: hold the early ones until their turn.
        let mut waiting: BTreeMap<usize, Parsed> = BTreeMap::new();
        let mut turn = 0;
        for (k, parsed) in results {
            waiting.insert(k, parsed);
            while let Some(parsed) = waiting.remove(&turn) {
                read(order[turn], parsed);
                turn += 1;
            }
        }
        // Every file was sent (a panic is caught per file); should one be
        // missing, it is reported as failed and the rest still read.
        for (k, &i) in order.iter().enumerate().skip(turn) {
            read(i, waiting.remove(&k).unwrap_or(Parsed::Failed));
        }
    });
}

fn read_one(cx: &mut Cx, compose: &mut crate::compose::Projects, i: usize, parsed: &Parsed) {
    let (docs, err, template, deployment) = match parsed {
        Parsed::Binary => return cx.ignore(i, None, "binary file", "not text"),
        Parsed::NotUtf8 => return cx.problem(i, None, "file", "not valid UTF-8"),
        Parsed::Failed => {
            return cx.problem(i, None, "file", "the YAML parser failed on this file");
        }
        Parsed::Terraform(text) => return crate::terraform::read(cx, i, text),
        Parsed::Yaml {
            docs,
            err,
            template,
            deployment,
        } => (docs, err.clone(), *template, *deployment),
    };
    if template == Some(Template::Helm) {
        let chart = helm_chart_dir(cx.path(i));
        cx.render_with("helm template", &chart);
    }
    // Templates: not YAML until rendered (a valid one is read as it is).
    if let Some(t) = template
        && (err.as_ref().is_some_and(|e| !e.limit) || docs.is_empty())
    {
        let line = err.map(|e| e.line);
        match t {
            Template::Helm => cx.problem(
                i,
                line,
                "template",
                "a template (Helm `{{ }}`), not valid YAML until rendered: pipe `helm template CHART | archsel detect -` to read it",
            ),
            Template::Go => cx.ignore(
                i,
                line,
                "template",
                "a Go template (`{{ }}`), not YAML until rendered; render it and pipe the output to `archsel detect -` to read it",
            ),
        }
        return;
    }
    let any = read_docs(cx, compose, i, docs);
    match err {
        // A deployment file with an error, or input past a bound: the user
        // should know. Anything else that fails to parse merely shares an
        // extension with deployment files.
        Some(e) if e.limit || any || deployment => cx.problem(i, Some(e.line), "YAML", e.message),
        Some(e) => cx.ignore(
            i,
            Some(e.line),
            "file",
            format!(
                "not YAML or JSON that archsel reads ({}), and neither named nor keyed like a deployment file",
                e.message
            ),
        ),
        None if !any && !docs.is_empty() => cx.ignore(
            i,
            Some(1),
            "file",
            "YAML or JSON, but not a deployment file archsel reads",
        ),
        None => {}
    }
}

/// The chart a Helm template belongs to: the directory above its
/// `templates/` (`chart/templates/x.yaml`, `chart/templates/sub/y.yaml`),
/// else its own directory.
fn helm_chart_dir(path: &str) -> String {
    let p = Path::new(path);
    let chart = p
        .ancestors()
        .skip(1)
        .find(|a| a.file_name().is_some_and(|n| n == "templates"))
        .and_then(Path::parent)
        .or_else(|| p.parent());
    chart.map(|c| c.display().to_string()).unwrap_or_default()
}

/// Reads the documents of a file; whether any was a deployment document.
fn read_docs(cx: &mut Cx, compose: &mut crate::compose::Projects, i: usize, docs: &[Node]) -> bool {
    let mut any = false;
    for doc in docs {
        any |= if crate::k8s::is_kustomization(cx.path(i), doc) {
            crate::k8s::kustomization(cx, i, doc);
            true
        } else if doc.get("apiVersion").is_some() && doc.get("kind").is_some() {
            crate::k8s::read(cx, i, doc);
            true
        } else if crate::compose::looks_like(doc, cx.path(i)) {
            compose.add(cx, i, doc);
            true
        } else if crate::cloud::looks_like_serverless(doc) {
            crate::cloud::read_serverless(cx, i, doc);
            true
        } else if crate::cloud::looks_like_cfn(doc) {
            crate::cloud::read_cfn(cx, i, doc, "cloudformation");
            true
        } else {
            false
        };
    }
    any
}

struct Tally<'f> {
    weight: f64,
    evidence: Vec<(&'f Fact, &'static str, &'static str)>,
}

fn evaluate<'f>(
    rules: &'static Rules,
    facts: &[&'f Fact],
) -> BTreeMap<&'static str, BTreeMap<&'static str, Tally<'f>>> {
    let mut by_name: HashMap<&str, Vec<&'f Fact>> = HashMap::new();
    for f in facts {
        by_name.entry(f.name.as_str()).or_default().push(f);
    }
    let count = |n: &str| by_name.get(n).map_or(0, Vec::len);
    let mut out: BTreeMap<&'static str, BTreeMap<&'static str, Tally>> = BTreeMap::new();
    for r in &rules.rules {
        if !r.when.iter().all(|c| c.holds(count)) || r.unless.iter().any(|c| c.holds(count)) {
            continue;
        }
        let first = &r.when[0].fact;
        let n = count(first);
        let weight = if r.per {
            r.weight * n.min(r.cap.unwrap_or(usize::MAX)) as f64
        } else {
            r.weight
        };
        let tally = out
            .entry(r.dimension.as_str())
            .or_default()
            .entry(r.value.as_str())
            .or_insert(Tally {
                weight: 0.0,
                evidence: Vec::new(),
            });
        tally.weight += weight;
        for c in &r.when {
            if let Some(fs) = by_name.get(c.fact.as_str()) {
                for f in fs.iter().take(5) {
                    tally.evidence.push((f, r.note.as_str(), r.id.as_str()));
                }
            }
        }
    }
    out
}

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn classify(cx: Cx, catalog: &[PatternPoint]) -> Detection {
    let rules = cx.rules;
    let families: BTreeSet<&'static str> = cx
        .recognised
        .values()
        .copied()
        .chain(cx.facts.iter().map(|f| f.family))
        .collect();
    let top = families.iter().map(|f| rules.tier(f)).max().unwrap_or(0);
    let deciding: Vec<&'static str> = families
        .iter()
        .copied()
        .filter(|f| rules.tier(f) == top)
        .collect();
    let path = |i: usize| cx.inputs[i].path.clone();
    let ev = |f: &Fact, note: &str, rule: &str| Evidence {
        file: path(f.file),
        line: f.line,
        note: format!("{note}: {}", f.note),
        rule: Some(rule.to_string()),
        rendered_from: cx.rendered_from(f.file, f.line),
    };

    let deciding_facts: Vec<&Fact> = cx
        .facts
        .iter()
        .filter(|f| deciding.contains(&f.family))
        .collect();
    let tallies = evaluate(rules, &deciding_facts);

    let mut results: BTreeMap<&str, DimensionResult> = BTreeMap::new();
    let mut uncertainty = Vec::new();
    for dim in DIMENSIONS {
        let mut values: Vec<(&str, &Tally)> = tallies
            .get(dim)
            .map(|m| m.iter().map(|(k, v)| (*k, v)).collect())
            .unwrap_or_default();
        // strongest first; ties to the value listed first in rules order
        let order = |v: &str| {
            rules
                .rules
                .iter()
                .position(|r| r.dimension == dim && r.value == v)
                .unwrap_or(0)
        };
        values.sort_by(|a, b| {
            b.1.weight
                .total_cmp(&a.1.weight)
                .then(order(a.0).cmp(&order(b.0)))
        });
        let total: f64 = values.iter().map(|v| v.1.weight).sum();
        let dedup = |t: &Tally| {
            let mut out: Vec<Evidence> = Vec::new();
            for (f, note, rule) in &t.evidence {
                let e = ev(f, note, rule);
                if !out.contains(&e) {
                    out.push(e);
                }
            }
            out
        };
        let res = match values.first() {
            Some((v, t)) => {
                let confidence = round(t.weight / total);
                let thin = t.weight < rules.thin;
                let mixed = confidence < rules.mixed;
                if thin || mixed {
                    let why = if thin { "thin" } else { "mixed" };
                    let others: Vec<String> = values[1..]
                        .iter()
                        .map(|(v, t)| format!("{v} ({})", t.weight))
                        .collect();
                    uncertainty.push(format!(
                        "{dim}: the evidence for `{v}` is {why} (weight {}{}); {} would settle it",
                        t.weight,
                        if others.is_empty() {
                            String::new()
                        } else {
                            format!(", against {}", others.join(", "))
                        },
                        rules.settle[dim]
                    ));
                }
                DimensionResult {
                    value: Some(v.to_string()),
                    confidence,
                    weight: t.weight,
                    thin,
                    mixed,
                    evidence: dedup(t),
                    elsewhere: values[1..]
                        .iter()
                        .map(|(v, t)| Alternative {
                            value: v.to_string(),
                            weight: t.weight,
                            evidence: dedup(t),
                        })
                        .collect(),
                }
            }
            None => {
                if !cx.recognised.is_empty() {
                    uncertainty.push(format!(
                        "{dim}: nothing in the files bears on it; {} would settle it",
                        rules.settle[dim]
                    ));
                }
                DimensionResult {
                    value: None,
                    confidence: 0.0,
                    weight: 0.0,
                    thin: true,
                    mixed: false,
                    evidence: Vec::new(),
                    elsewhere: Vec::new(),
                }
            }
        };
        results.insert(dim, res);
    }

    // Views: what each kind of source says alone.
    let mut views = Vec::new();
    for fam in &families {
        let fs: Vec<&Fact> = cx.facts.iter().filter(|f| f.family == *fam).collect();
        let t = evaluate(rules, &fs);
        let dims = DIMENSIONS
            .iter()
            .map(|d| {
                let v = t.get(d).and_then(|m| {
                    m.iter()
                        .max_by(|a, b| a.1.weight.total_cmp(&b.1.weight))
                        .map(|(k, _)| k.to_string())
                });
                (d.to_string(), v)
            })
            .collect();
        views.push(View {
            source: fam.to_string(),
            decides: deciding.contains(fam),
            dimensions: dims,
        });
    }
    if views.len() > 1 {
        let reported: Vec<&str> = families
            .iter()
            .copied()
            .filter(|f| !deciding.contains(f))
            .collect();
        if !reported.is_empty() {
            uncertainty.push(format!(
                "several kinds of deployment file: {} decide(s); {} reported beside (lower precedence, e.g. local development)",
                deciding.join(", "),
                reported.join(", ")
            ));
        }
    }

    let mut fact_counts: HashMap<&str, usize> = HashMap::new();
    for f in &deciding_facts {
        *fact_counts.entry(f.name.as_str()).or_default() += 1;
    }
    let patterns = rank(rules, &results, &fact_counts, catalog);

    let sources = cx
        .recognised
        .iter()
        .map(|(i, fam)| Source {
            file: path(*i),
            kind: fam.to_string(),
            name: rules
                .sources
                .iter()
                .find(|s| s.id == *fam)
                .map_or_else(|| fam.to_string(), |s| s.name.clone()),
            role: if deciding.contains(fam) {
                "decides"
            } else {
                "reported"
            }
            .to_string(),
        })
        .collect();

    let known: Vec<&DimensionResult> = results.values().collect();
    let confidence = round(
        known
            .iter()
            .map(|r| {
                if r.thin {
                    r.confidence * 0.5
                } else {
                    r.confidence
                }
            })
            .sum::<f64>()
            / 4.0,
    );
    let mut take = |d: &str| results.remove(d).expect("all four dimensions");
    Detection {
        dimensions: Dimensions {
            infra: take("infra"),
            granularity: take("granularity"),
            network: take("network"),
            deploy: take("deploy"),
        },
        patterns,
        components: cx.components.clone(),
        sources,
        deciding: deciding.iter().map(|s| s.to_string()).collect(),
        views,
        ignored: cx.ignored.clone(),
        problems: cx.problems.clone(),
        confidence,
        uncertainty,
        render: cx.render.iter().cloned().collect(),
    }
}

fn rank(
    rules: &Rules,
    dims: &BTreeMap<&str, DimensionResult>,
    facts: &HashMap<&str, usize>,
    catalog: &[PatternPoint],
) -> Vec<PatternMatch> {
    // With nothing known every pattern is equally near: no ranking.
    if dims.values().all(|r| r.value.is_none()) {
        return Vec::new();
    }
    let mut out: Vec<PatternMatch> = catalog
        .iter()
        .map(|p| {
            let (mut score, mut total) = (0.0, 0.0);
            let mut reasons = Vec::new();
            for d in DIMENSIONS {
                let want = p.get(d);
                // 1 for the pattern's value; up to 0.25 for a value near it
                // on the vocabulary's order, and 0.25 when unknown.
                let fit = match dims[d].value.as_deref() {
                    Some(v) if v == want => {
                        reasons.push(format!("{d} = {v}"));
                        1.0
                    }
                    Some(v) => {
                        reasons.push(format!("{d} is {v}, the pattern has {want}"));
                        match (rules.rank(d, v), rules.rank(d, want)) {
                            (Some((a, n)), Some((b, _))) => {
                                0.25 * (1.0 - (a.abs_diff(b) as f64) / ((n - 1) as f64))
                            }
                            _ => 0.0,
                        }
                    }
                    None => {
                        reasons.push(format!("{d} unknown"));
                        0.25
                    }
                };
                let weight = rules.dimension_weights.get(d).copied().unwrap_or(1.0);
                score += weight * fit;
                total += weight;
            }
            let dim_score = score / total;
            let mut markers_absent = false;
            let hint = match rules.patterns.get(&p.id) {
                Some(pr) => match pr
                    .expects
                    .iter()
                    .find(|e| e.holds(|f| facts.get(f).copied().unwrap_or(0)))
                {
                    Some(e) => {
                        reasons.push(format!("expected {e} seen"));
                        1.0
                    }
                    None => {
                        let markers: Vec<String> =
                            pr.expects.iter().map(ToString::to_string).collect();
                        reasons.push(format!(
                            "none of its markers ({}) seen: ranked after the patterns the evidence does not contradict",
                            markers.join(", ")
                        ));
                        markers_absent = true;
                        0.0
                    }
                },
                None => 0.5,
            };
            PatternMatch {
                id: p.id.clone(),
                architecture: p.architecture,
                similarity: round(0.85 * dim_score + 0.15 * hint),
                markers_absent,
                reasons,
            }
        })
        .collect();
    // A pattern whose defining markers are all absent (a service mesh with
    // no mesh proxy) cannot be nearer than one the evidence does not
    // contradict: it goes after them, then by similarity.
    out.sort_by(|a, b| {
        a.markers_absent
            .cmp(&b.markers_absent)
            .then(b.similarity.total_cmp(&a.similarity))
            .then(b.architecture.cmp(&a.architecture))
            .then(a.id.cmp(&b.id))
    });
    out
}

/// Whether `text` (an environment value, a command argument, a URL) names
/// the host `name`: `amqp://guest@rabbitmq:5672`, `kafka:9092` and
/// `kafka.shop.svc` name `kafka`; `my-kafka` and `KAFKA_ADDR` do not.
pub(crate) fn names_host(text: &str, name: &str) -> bool {
    host_match(text, name, false)
}

/// Whether `text` names a host `name-…` (the Services an operator makes
/// for its resource `name`, e.g. Strimzi's `events-kafka-bootstrap`).
pub(crate) fn names_host_prefix(text: &str, name: &str) -> bool {
    host_match(text, &format!("{name}-"), true)
}

/// How a unit found by [`addressed_database`] is identified.
pub(crate) const ADDRESSED_DATABASE: &str = "named a database, addressed at its port";

/// A database image built on the official one that sets none of its
/// variables (Sock Shop's `weaveworksdemos/user-db`, FROM mongo): the unit
/// and its image both call it a database (`-db`), and another unit
/// addresses it at that database's `port` (see [`database_port`]; asked
/// only of a `-db` unit, as it scans the others). An init or migration job
/// named `-db` is addressed by no one, so stays what it is.
pub(crate) fn addressed_database(
    rules: &'static Rules,
    unit: &str,
    image: &str,
    port: impl FnOnce() -> Option<u32>,
) -> Option<&'static ComponentRule> {
    let db_named = |n: &str| n.to_ascii_lowercase().ends_with("-db");
    let (_, last) = crate::rules::image_repo(image);
    if image.contains("${") || !db_named(unit) || !db_named(last) {
        return None;
    }
    port()
        .and_then(|p| rules.by_port(p))
        .filter(|c| c.kind == "database")
}

/// The database port at which one of `texts` (other units' environment,
/// command and arguments) addresses one of `names`
/// (`MONGO_HOST=user-db:27017` gives 27017).
pub(crate) fn database_port<'t>(
    rules: &Rules,
    names: &[&str],
    texts: impl IntoIterator<Item = &'t str>,
) -> Option<u32> {
    texts
        .into_iter()
        .flat_map(|v| names.iter().filter_map(move |n| addressed_port(v, n)))
        .find(|p| rules.by_port(*p).is_some_and(|r| r.kind == "database"))
}

/// The port at which `text` addresses the host `name` (`user-db:27017`,
/// `mongodb://user-db:27017/users`), if it gives one.
pub(crate) fn addressed_port(text: &str, name: &str) -> Option<u32> {
    after_host(text, name, |rest| {
        let rest = rest.strip_prefix(':')?;
        let end = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        rest[..end].parse().ok()
    })
}

/// A character that continues a host name.
fn word(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

fn host_match(text: &str, name: &str, open_end: bool) -> bool {
    after_host(text, name, |rest| {
        (open_end || !word(rest.chars().next())).then_some(())
    })
    .is_some()
}

/// The first answer `at` gives for what follows `name` in `text` where
/// `name` starts a host name (no letter, digit, `-` or `_` before it),
/// ignoring case.
fn after_host<T>(text: &str, name: &str, mut at: impl FnMut(&str) -> Option<T>) -> Option<T> {
    if name.is_empty() {
        return None;
    }
    let lower = text.to_ascii_lowercase();
    let name = name.to_ascii_lowercase();
    lower.match_indices(&name).find_map(|(i, m)| {
        if word(lower[..i].chars().next_back()) {
            return None;
        }
        at(&lower[i + m.len()..])
    })
}

/// The last part of a path as given (`/` or `\` separated; the inputs
/// may not be on disk, or come from another system).
pub(crate) fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// `path` with `.` dropped and `..` applied to the part before it, without
/// touching the file system (the inputs may not be on disk).
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            PathPart::CurDir => {}
            PathPart::ParentDir
                if matches!(out.components().next_back(), Some(PathPart::Normal(_))) =>
            {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::addressed_port;

    #[test]
    fn the_port_a_text_addresses_a_host_at() {
        assert_eq!(addressed_port("user-db:27017", "user-db"), Some(27017));
        assert_eq!(
            addressed_port("mongodb://u:p@USER-DB:27017/users", "user-db"),
            Some(27017)
        );
        // another host whose name ends like it, no port, a bad port
        assert_eq!(addressed_port("my-user-db:27017", "user-db"), None);
        assert_eq!(addressed_port("user-db", "user-db"), None);
        assert_eq!(addressed_port("user-db:x", "user-db"), None);
        assert_eq!(addressed_port("user-db:99999999999", "user-db"), None);
        assert_eq!(addressed_port("a:1", ""), None);
    }
}
