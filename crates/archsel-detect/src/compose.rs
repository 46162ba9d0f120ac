//! Docker Compose (Compose Specification) and Docker Swarm stack reader.
//! Files in one directory form one project; services are merged by name
//! across them (base file first, overrides after).

use crate::engine::{Container, Cx, Role};
use crate::yaml::{Kind, Node};
use std::collections::{BTreeMap, BTreeSet};

/// A Compose file: `services:` with one defined (an image, a build, an
/// `extends`), or any `services:` in a file named like a Compose file (an
/// override that only adds `logging:` or `ports:` to the base's services).
pub(crate) fn looks_like(doc: &Node, path: &str) -> bool {
    let Some(services) = doc.get("services") else {
        return false;
    };
    let name = file_name(path);
    services.is_map()
        && (name.starts_with("compose.")
            || name.starts_with("docker-compose")
            || services.map().iter().any(|(_, s)| {
                s.get("image").is_some() || s.get("build").is_some() || s.get("extends").is_some()
            }))
}

/// A place in the inputs: file index and line. A merged service's keys
/// may come from several files (a base file and its overrides).
type At = (usize, u32);

#[derive(Default)]
struct Svc {
    /// Where the service is defined: the first file that gives it an
    /// `image`, a `build` or an `extends` (an override's stub that only
    /// adds `logging:` is no definition), else where it was first seen.
    file: usize,
    line: u32,
    defined: bool,
    image: Option<(String, At)>,
    build: bool,
    extends: Option<String>,
    networks: BTreeSet<String>,
    network_mode: Option<(String, At)>,
    profiles: bool,
    ports: Vec<u32>,
    /// Other names the service answers to (`hostname`, `container_name`).
    aliases: Vec<String>,
    /// Strings of its environment, command and entrypoint, with their place.
    config: Vec<(String, At)>,
    /// Services it names in `depends_on` or `links`, with their place.
    depends: Vec<(String, At)>,
    /// Names of its environment variables.
    env: Vec<String>,
}

#[derive(Default)]
struct Project {
    files: BTreeSet<usize>,
    services: BTreeMap<String, Svc>,
    overlay: Option<(usize, u32)>,
    swarm: Option<(usize, u32, String)>,
}

#[derive(Default)]
pub(crate) struct Projects {
    by_dir: BTreeMap<String, Project>,
}

fn dir_of(path: &str) -> String {
    match path.rfind(['/', '\\']) {
        Some(i) => path[..i].to_string(),
        None => String::new(),
    }
}

/// The files `docker compose` reads by default in a directory (the base).
const DEFAULT_FILES: [&str; 4] = [
    "compose.yaml",
    "compose.yml",
    "docker-compose.yaml",
    "docker-compose.yml",
];

/// A path's file name, lowercased.
fn file_name(path: &str) -> String {
    crate::engine::file_name(path).to_ascii_lowercase()
}

/// The order in which files merge into a project: a default file (the
/// base) first, an override (`compose.override.yaml`) last, as Compose
/// applies them; any other file in between.
pub(crate) fn merge_rank(path: &str) -> u8 {
    let name = file_name(path);
    if DEFAULT_FILES.contains(&name.as_str()) {
        0
    } else if name.contains(".override.") {
        2
    } else {
        1
    }
}

/// Whether a file beside a default Compose file is an optional layer that
/// Compose merges only when told to (`docker compose -f compose.yaml -f
/// compose.observability.yaml`): another `compose.*.yaml` or
/// `docker-compose*.yml` that is not the automatic override. Such layers
/// (tests, profiling, logging, alternatives for production) are not part
/// of what `docker compose up` runs.
pub(crate) fn optional_layer(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    let yaml = name.ends_with(".yaml") || name.ends_with(".yml");
    let compose = name.starts_with("compose.") || name.starts_with("docker-compose");
    yaml && compose && merge_rank(&name) == 1
}

/// The default Compose file among the names of a directory's files, if any.
pub(crate) fn default_file<'n>(names: impl IntoIterator<Item = &'n str>) -> Option<&'n str> {
    names
        .into_iter()
        .find(|n| DEFAULT_FILES.contains(&n.to_ascii_lowercase().as_str()))
}

/// `"8080:80/tcp"`, `80`, `{target: 80}` -> 80
fn container_port(n: &Node) -> Option<u32> {
    if let Some(t) = n.get("target") {
        return t.str()?.parse().ok();
    }
    let s = n.str()?;
    let s = s.split('/').next()?;
    s.rsplit(':').next()?.split('-').next()?.parse().ok()
}

impl Projects {
    pub(crate) fn add(&mut self, cx: &mut Cx, file: usize, doc: &Node) {
        let path = cx.path(file).to_string();
        let lower = path.to_ascii_lowercase();
        let p = self.by_dir.entry(dir_of(&path)).or_default();
        p.files.insert(file);
        if lower.contains("stack") || lower.contains("swarm") {
            p.swarm
                .get_or_insert((file, 1, "the file is named as a Swarm stack".into()));
        }
        for (name, k, net) in doc.get("networks").map(Node::entries).into_iter().flatten() {
            if net.get_str("driver") == Some("overlay") {
                p.overlay.get_or_insert((file, k.line));
                p.swarm.get_or_insert((
                    file,
                    k.line,
                    format!("network `{name}` uses the overlay driver"),
                ));
            }
        }
        if let Some(inc) = doc.get("include") {
            for item in inc.seq() {
                let target = item.str().or_else(|| {
                    item.get("path")
                        .and_then(|p| p.str().or_else(|| p.seq().first().and_then(Node::str)))
                });
                if let Some(t) = target {
                    let local = !t.contains("://");
                    if !(local && cx.refers_to_read(file, t)) {
                        cx.ignore(
                            file,
                            Some(item.line),
                            format!("include `{t}`"),
                            if local {
                                "included file was not among the files read"
                            } else {
                                "remote include, not fetched"
                            },
                        );
                    }
                }
            }
        }
        let Some(services) = doc.get("services") else {
            return;
        };
        for (name, key, s) in services.entries() {
            let svc = p.services.entry(name.to_string()).or_insert_with(|| Svc {
                file,
                line: key.line,
                ..Svc::default()
            });
            let defines = ["image", "build", "extends"]
                .iter()
                .any(|k| s.get(k).is_some());
            if defines && !svc.defined {
                (svc.file, svc.line, svc.defined) = (file, key.line, true);
            }
            if let Some(img) = s.get("image")
                && let Some(i) = img.str()
            {
                svc.image = Some((i.to_string(), (file, img.line)));
            }
            if s.get("build").is_some() {
                svc.build = true;
            }
            if let Some(e) = s.get("extends") {
                let base = e.str().or_else(|| {
                    if e.get("file").is_none() {
                        e.get_str("service")
                    } else {
                        None
                    }
                });
                svc.extends = base.map(str::to_string);
                if let Some(f) = e.get_str("file") {
                    svc.extends = e.get_str("service").map(str::to_string);
                    if f.contains("://") {
                        cx.ignore(
                            file,
                            Some(e.line),
                            format!("extends `{f}`"),
                            "remote file, not fetched",
                        );
                    }
                }
            }
            if let Some(nets) = s.get("networks") {
                match &nets.kind {
                    Kind::Seq(items) => svc
                        .networks
                        .extend(items.iter().filter_map(Node::str).map(str::to_string)),
                    Kind::Map(_) => svc
                        .networks
                        .extend(nets.entries().map(|(n, _, _)| n.to_string())),
                    Kind::Scalar(_) => {}
                }
            }
            if let Some(m) = s
                .get("network_mode")
                .and_then(|m| m.str().map(|v| (v.to_string(), (file, m.line))))
            {
                svc.network_mode = Some(m);
            }
            for key in ["hostname", "container_name"] {
                if let Some(v) = s.get_str(key) {
                    svc.aliases.push(v.to_string());
                }
            }
            // `environment:` as a map, or a list of `NAME=value`
            if let Some(e) = s.get("environment") {
                let listed = e.seq().iter().filter_map(Node::str);
                let names = listed.map(|v| v.split('=').next().unwrap_or(v));
                let keyed = e.entries().map(|(k, _, _)| k);
                svc.env.extend(names.chain(keyed).map(str::to_string));
            }
            for key in ["environment", "command", "entrypoint"] {
                if let Some(n) = s.get(key) {
                    let mut values = Vec::new();
                    crate::yaml::scalars(n, &mut values);
                    svc.config
                        .extend(values.into_iter().map(|(v, l)| (v, (file, l))));
                }
            }
            if let Some(d) = s.get("depends_on") {
                let named = d.seq().iter().filter_map(|n| n.str().map(|v| (v, n.line)));
                let keyed = d.entries().map(|(k, key, _)| (k, key.line));
                svc.depends
                    .extend(named.chain(keyed).map(|(v, l)| (v.to_string(), (file, l))));
            }
            // `links: [db, "mq:queue"]`: the service, then an alias
            for n in s.get("links").map(Node::seq).unwrap_or_default() {
                if let Some(v) = n.str() {
                    let target = v.split(':').next().unwrap_or(v);
                    svc.depends.push((target.to_string(), (file, n.line)));
                }
            }
            if s.get("profiles").is_some_and(|p| !p.seq().is_empty()) {
                svc.profiles = true;
            }
            for port in s.get("ports").map(Node::seq).unwrap_or_default() {
                if let Some(n) = container_port(port) {
                    svc.ports.push(n);
                }
            }
            for port in s.get("expose").map(Node::seq).unwrap_or_default() {
                if let Some(n) = container_port(port) {
                    svc.ports.push(n);
                }
            }
            if let Some(d) = s.get("deploy") {
                let marker =
                    if let Some((_, k, _)) = d.entries().find(|(n, _, _)| *n == "placement") {
                        Some((k.line, "deploy.placement constrains hosts"))
                    } else if d.get_str("mode") == Some("global") {
                        Some((d.line, "deploy.mode: global runs one task per node"))
                    } else {
                        None
                    };
                if let Some((l, why)) = marker {
                    p.swarm
                        .get_or_insert((file, l, format!("service `{name}`: {why}")));
                }
            }
        }
    }

    pub(crate) fn finish(self, cx: &mut Cx) {
        for (_, p) in self.by_dir {
            let family: &'static str = if p.swarm.is_some() {
                "swarm"
            } else {
                "compose"
            };
            for f in &p.files {
                cx.recognise(*f, family);
            }
            if let Some((f, l, why)) = &p.swarm {
                cx.fact("swarm", family, *f, *l, why.clone());
            }
            if let Some((f, l)) = p.overlay {
                cx.fact("overlay-network", family, f, l, "overlay network driver");
            }
            // resolve same-project `extends` for images: the image, and
            // whether the service is built from source
            let image_of = |name: &str| -> (Option<(String, At)>, bool) {
                let mut cur = name;
                for _ in 0..8 {
                    let Some(s) = p.services.get(cur) else { break };
                    if s.image.is_some() || s.build {
                        return (s.image.clone(), s.build);
                    }
                    let Some(next) = s.extends.as_deref() else {
                        break;
                    };
                    cur = next;
                }
                (None, false)
            };
            let addressed = database_addresses(cx, &p);
            let mut roles: BTreeMap<&str, Role> = BTreeMap::new();
            for (name, s) in &p.services {
                if s.profiles {
                    cx.ignore(
                        s.file,
                        Some(s.line),
                        format!("service `{name}`"),
                        "only started with a profile; not counted",
                    );
                    continue;
                }
                let (image, built) = image_of(name);
                let companion = s
                    .network_mode
                    .as_ref()
                    .and_then(|(m, at)| m.strip_prefix("service:").map(|t| (t.to_string(), *at)));
                cx.fact(
                    "compose-service",
                    family,
                    s.file,
                    s.line,
                    format!("service `{name}`"),
                );
                if let Some((host, (f, l))) = &companion {
                    cx.fact(
                        "sidecar",
                        family,
                        *f,
                        *l,
                        format!("`{name}` shares the network namespace of `{host}`"),
                    );
                }
                if let Some((_, (f, l))) = s.network_mode.as_ref().filter(|(m, _)| m == "host") {
                    cx.fact(
                        "host-network",
                        family,
                        *f,
                        *l,
                        format!("`{name}` uses network_mode: host"),
                    );
                }
                let c = Container {
                    image: image.as_ref().map(|(i, _)| i.as_str()),
                    at: image.as_ref().map_or((s.file, s.line), |(_, at)| *at),
                    name,
                    // A service built from source is the application: a
                    // port it exposes (`expose: 3306` on a frontend) does
                    // not make it a database.
                    ports: if built { Vec::new() } else { s.ports.clone() },
                    env: s.env.iter().map(String::as_str).collect(),
                    addressed_at: addressed.get(name.as_str()).copied(),
                };
                let role = cx.unit(
                    family,
                    s.file,
                    s.line,
                    "service",
                    name,
                    &[c],
                    companion.is_none(),
                );
                roles.insert(name, role);
            }
            network_facts(cx, family, &p, &roles);
            broker_clients(cx, family, &p, &roles);
            redis_queues(cx, family, &p, &roles);
        }
    }
}

/// Services another service's environment, command or entrypoint addresses
/// at a database's well-known port (`MONGO_HOST=user-db:27017`), by their
/// name or an alias, with that port.
fn database_addresses<'p>(cx: &Cx, p: &'p Project) -> BTreeMap<&'p str, u32> {
    let mut out = BTreeMap::new();
    for (name, s) in &p.services {
        let names: Vec<&str> = std::iter::once(name.as_str())
            .chain(s.aliases.iter().map(String::as_str))
            .collect();
        let clients = p.services.iter().filter(|(c, _)| *c != name);
        let texts = clients
            .flat_map(|(_, c)| &c.config)
            .map(|(v, _)| v.as_str());
        if let Some(port) = crate::engine::database_port(cx.rules, &names, texts) {
            out.insert(name.as_str(), port);
        }
    }
    out
}

/// A Redis that a background worker depends on is its queue: a worker
/// publishes no port, so it serves no request and takes its work from
/// the Redis (Celery, Sidekiq, RQ, BullMQ; the voting app's `worker`
/// pops the votes `vote` pushes). That is the marker of messaging (a
/// `broker` fact), though the Redis stays a cache among the components.
fn redis_queues(cx: &mut Cx, family: &'static str, p: &Project, roles: &BTreeMap<&str, Role>) {
    let is_redis = |n: &str| {
        let image = p.services[n].image.as_ref().map(|(i, _)| i.as_str());
        image
            .and_then(|i| cx.rules.by_image(i))
            .is_some_and(|c| c.id == "redis")
    };
    let queue = roles.iter().find_map(|(w, role)| {
        let s = &p.services[*w];
        let worker = *role == Role::App && s.ports.is_empty() && s.network_mode.is_none();
        let redis = s
            .depends
            .iter()
            .find(|(d, _)| worker && p.services.contains_key(d) && is_redis(d));
        redis.map(|(r, at)| (*w, r.clone(), *at))
    });
    if let Some((worker, redis, (file, line))) = queue {
        let note = format!(
            "`{redis}` is the queue of `{worker}`, a background worker (no port) that depends on it"
        );
        cx.fact("broker", family, file, line, note);
    }
}

/// Application services that use a broker of the project: depend on it,
/// or name it in their environment, command or entrypoint.
fn broker_clients(cx: &mut Cx, family: &'static str, p: &Project, roles: &BTreeMap<&str, Role>) {
    let brokers: Vec<(&str, Vec<&str>)> = roles
        .iter()
        .filter(|(_, r)| matches!(r, Role::Infra(k) if k == "broker"))
        .map(|(n, _)| {
            let s = &p.services[*n];
            let names = std::iter::once(*n)
                .chain(s.aliases.iter().map(String::as_str))
                .collect();
            (*n, names)
        })
        .collect();
    for (name, role) in roles {
        if *role != Role::App {
            continue;
        }
        let s = &p.services[*name];
        let found = brokers.iter().find_map(|(broker, names)| {
            let dep = s
                .depends
                .iter()
                .find(|(d, _)| names.contains(&d.as_str()))
                .map(|(_, at)| (*at, "depends on"));
            let named = || {
                s.config
                    .iter()
                    .find(|(v, _)| names.iter().any(|n| crate::engine::names_host(v, n)))
                    .map(|(_, at)| (*at, "names"))
            };
            dep.or_else(named).map(|(at, how)| (*broker, at, how))
        });
        if let Some((broker, (file, line), how)) = found {
            cx.broker_client(
                family,
                file,
                line,
                name,
                format!("service `{name}` {how} broker `{broker}`"),
            );
        }
    }
}

fn network_facts(cx: &mut Cx, family: &'static str, p: &Project, roles: &BTreeMap<&str, Role>) {
    let nets_of = |name: &str| -> BTreeSet<String> {
        let s = &p.services[name];
        if s.network_mode.is_some() {
            return BTreeSet::new();
        }
        if s.networks.is_empty() {
            ["default".to_string()].into()
        } else {
            s.networks.clone()
        }
    };
    let counted: Vec<&str> = roles.keys().copied().collect();
    let all: BTreeSet<String> = counted.iter().flat_map(|n| nets_of(n)).collect();
    let infra: Vec<&str> = counted
        .iter()
        .copied()
        .filter(|n| matches!(roles[n], Role::Infra(_)))
        .collect();
    let front: Vec<&str> = counted
        .iter()
        .copied()
        .filter(|n| !matches!(roles[n], Role::Infra(_)))
        .collect();
    let Some(first) = counted.first() else { return };
    if family == "swarm" {
        // Swarm schedules each data service as its own service across nodes.
        for n in &infra {
            let s = &p.services[*n];
            cx.fact(
                "infra-separate-unit",
                family,
                s.file,
                s.line,
                format!("`{n}` runs as its own Swarm service"),
            );
        }
        return;
    }
    let s0 = &p.services[*first];
    if all.len() <= 1 {
        // One service on one network is trivially flat too: nothing sits
        // on a network of its own.
        let note = match counted.len() {
            1 if !all.is_empty() => Some(format!("`{first}`, alone on one network")),
            1 => None,
            n => Some(format!("{n} services on one network")),
        };
        if let Some(note) = note {
            cx.fact("compose-flat", family, s0.file, s0.line, note);
        }
        for n in &infra {
            let s = &p.services[*n];
            cx.fact(
                "infra-shares-app-network",
                family,
                s.file,
                s.line,
                format!("`{n}` on the application's network"),
            );
        }
        return;
    }
    // Data networks hold a data service; the others are application-only.
    let data_nets: BTreeSet<String> = infra.iter().flat_map(|n| nets_of(n)).collect();
    let app_only: BTreeSet<String> = all.difference(&data_nets).cloned().collect();
    let list = |s: &BTreeSet<String>| s.iter().cloned().collect::<Vec<_>>().join(", ");
    if data_nets.is_empty() || app_only.is_empty() {
        // no separation between application and data (or no data services)
        for n in &infra {
            let s = &p.services[*n];
            cx.fact(
                "infra-shares-app-network",
                family,
                s.file,
                s.line,
                format!("`{n}` shares its networks with the application"),
            );
        }
        if infra.is_empty() && front.iter().any(|f| nets_of(f).len() > 1) {
            let s = &p.services[*first];
            cx.fact(
                "network-tiers",
                family,
                s.file,
                s.line,
                format!(
                    "{} networks ({}) joined by services on several",
                    all.len(),
                    list(&all)
                ),
            );
        }
        return;
    }
    for n in &infra {
        let s = &p.services[*n];
        cx.fact(
            "infra-on-own-network",
            family,
            s.file,
            s.line,
            format!(
                "`{n}` only on {}, apart from {}",
                list(&nets_of(n)),
                list(&app_only)
            ),
        );
    }
    // A front service that reaches no data network: three tiers or more.
    let far: Vec<&str> = front
        .iter()
        .copied()
        .filter(|f| {
            let fs = nets_of(f);
            !fs.is_empty() && fs.is_disjoint(&data_nets)
        })
        .collect();
    if let Some(f) = far.first() {
        let s = &p.services[*f];
        cx.fact(
            "network-tiers",
            family,
            s.file,
            s.line,
            format!(
                "`{f}` reaches the data tier ({}) only through another tier",
                list(&data_nets)
            ),
        );
    } else {
        let s = &p.services[infra[0]];
        cx.fact(
            "network-split",
            family,
            s.file,
            s.line,
            format!(
                "data services on {}, application also on {}",
                list(&data_nets),
                list(&app_only)
            ),
        );
    }
}
