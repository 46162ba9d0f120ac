//! Kubernetes manifests: workloads, Services, Ingress / Gateway API,
//! NetworkPolicy, autoscalers (HPA, KEDA), service-mesh resources and markers
//! (Istio sidecar and ambient, Linkerd, Cilium), Knative, KubeEdge / edge nodes,
//! operators' custom resources, `List` kinds.

use crate::engine::{Container, Cx, Role, names_host, names_host_prefix};
use crate::yaml::Node;
use std::collections::HashMap;

const FAMILY: &str = "kubernetes";

/// What is resolved once every document is read: which application
/// workloads use a broker (a Service or ConfigMap may come after them).
#[derive(Default)]
pub(crate) struct State {
    apps: Vec<App>,
    brokers: Vec<Broker>,
    /// (name, selector) of each Service.
    services: Vec<(String, Vec<(String, String)>)>,
    /// ConfigMap name -> its data values with their lines.
    config_maps: HashMap<String, Vec<(String, u32)>>,
    /// KEDA triggers on a broker: (scaled workload, file, line, broker).
    scaled: Vec<(String, usize, u32, String)>,
    /// Mesh markers on Namespaces: (namespace, fact, file, line, note).
    namespace_markers: Vec<(String, &'static str, usize, u32, String)>,
    /// The Namespaces declared, and the namespace of every workload
    /// (empty: none given).
    namespaces: Vec<String>,
    workload_namespaces: Vec<String>,
}

struct App {
    file: usize,
    line: u32,
    /// Its kind (`Deployment`).
    kind: String,
    name: String,
    /// env values, command and args of its containers, with their lines.
    config: Vec<(String, u32)>,
    /// ConfigMaps it reads its environment from.
    config_maps: Vec<String>,
    /// Its main container's image, with where it is given.
    image: Option<(String, (usize, u32))>,
}

struct Broker {
    name: String,
    labels: Vec<(String, String)>,
    /// Run by an operator, whose Services are named after it
    /// (Strimzi's `NAME-kafka-bootstrap`).
    operator: bool,
}

fn group(api_version: &str) -> &str {
    match api_version.rfind('/') {
        Some(i) => &api_version[..i],
        None => "",
    }
}

fn truthy(v: Option<&str>) -> bool {
    matches!(v, Some("true" | "enabled" | "True" | "yes"))
}

/// API groups whose objects are requests, responses or log records.
const PAYLOAD_GROUPS: [&str; 4] = [
    "audit.k8s.io",
    "admission.k8s.io",
    "authentication.k8s.io",
    "authorization.k8s.io",
];

pub(crate) fn read(cx: &mut Cx, file: usize, doc: &Node) {
    read_depth(cx, file, doc, 0);
}

fn read_depth(cx: &mut Cx, file: usize, doc: &Node, depth: u32) {
    let api = doc.get_str("apiVersion").unwrap_or("");
    let Some((kind_key, kind_node)) = doc.entry("kind") else {
        return;
    };
    let Some(kind) = kind_node.str() else { return };
    let line = kind_key.line;
    let g = group(api);
    // Audit events and review objects are what the API server sends and
    // logs, never applied (serverless-patterns keeps audit events as Lambda
    // test payloads): not a sign of Kubernetes.
    if PAYLOAD_GROUPS.contains(&g) {
        let what = format!("{kind} ({api})");
        cx.ignore(
            file,
            Some(line),
            &what,
            "a Kubernetes API payload, not a resource to deploy",
        );
        return;
    }
    let meta = doc.get("metadata");
    let name = meta.and_then(|m| m.get_str("name")).unwrap_or("(unnamed)");
    let ns = meta.and_then(|m| m.get_str("namespace")).unwrap_or("");
    cx.recognise(file, FAMILY);
    if kind.ends_with("List") && depth < 2 {
        for item in doc.get("items").map(Node::seq).unwrap_or_default() {
            read_depth(cx, file, item, depth + 1);
        }
        return;
    }
    if let Some(m) = meta {
        for (fact, l, note) in markers(m, &format!("{kind} `{name}`")) {
            if (g, kind) == ("", "Namespace") {
                // only for the workloads in it: resolved in `finish`
                cx.k8s
                    .namespace_markers
                    .push((name.to_string(), fact, file, l, note));
            } else {
                cx.fact(fact, FAMILY, file, l, note);
            }
        }
    }
    let gk = format!("{g}/{kind}");
    let pod = match (g, kind) {
        (
            "apps" | "extensions" | "apps.openshift.io" | "argoproj.io",
            "Deployment" | "StatefulSet" | "DaemonSet" | "ReplicaSet" | "Rollout"
            | "DeploymentConfig",
        ) => doc.path(&["spec", "template"]),
        ("", "Pod") => Some(doc),
        ("", "ReplicationController") => doc.path(&["spec", "template"]),
        ("batch", "Job") => doc.path(&["spec", "template"]),
        ("batch", "CronJob") => doc.path(&["spec", "jobTemplate", "spec", "template"]),
        _ => None,
    };
    if let Some(pod) = pod {
        // The controllers of long-running replicas are one unit under any
        // of their kinds: a repository may keep the ReplicationController
        // a Deployment of the same name replaced (kubernetes/examples
        // guestbook `legacy/`).
        let class = match kind {
            "Deployment"
            | "ReplicationController"
            | "ReplicaSet"
            | "DeploymentConfig"
            | "Rollout" => "replicas",
            other => other,
        };
        if !cx.first_sighting(FAMILY, format!("{class}/{ns}/{name}")) {
            return;
        }
        let app = matches!(
            kind,
            "Deployment"
                | "StatefulSet"
                | "Rollout"
                | "DeploymentConfig"
                | "ReplicaSet"
                | "Pod"
                | "ReplicationController"
        );
        workload(cx, file, line, (kind, name, ns), pod, app);
        return;
    }
    match (g, kind) {
        ("", "Namespace") => cx.k8s.namespaces.push(name.to_string()),
        ("serving.knative.dev", "Service") => {
            if cx.first_sighting(FAMILY, format!("ksvc/{ns}/{name}")) {
                if let Some(t) = doc.path(&["spec", "template"]) {
                    workload(cx, file, line, ("Knative Service", name, ns), t, false);
                }
                if let Some(c) = cx.rules.by_kind(&gk) {
                    cx.component(c, FAMILY, file, line, name, false, "kind");
                }
            }
        }
        ("", "ConfigMap") => {
            let mut values = Vec::new();
            if let Some(d) = doc.get("data") {
                crate::yaml::scalars(d, &mut values);
            }
            cx.k8s.config_maps.insert(name.to_string(), values);
        }
        ("", "Service") => {
            let selector = string_map(doc.path(&["spec", "selector"]));
            cx.k8s.services.push((name.to_string(), selector));
            // A Service of type ExternalName points outside the cluster.
            if doc.path(&["spec", "type"]).and_then(Node::str) == Some("ExternalName") {
                let target = doc
                    .path(&["spec", "externalName"])
                    .and_then(Node::str)
                    .unwrap_or("");
                cx.fact(
                    "external-service",
                    FAMILY,
                    file,
                    line,
                    format!("Service `{name}` points to `{target}`"),
                );
            }
        }
        ("networking.k8s.io", "NetworkPolicy")
        | ("cilium.io", "CiliumNetworkPolicy" | "CiliumClusterwideNetworkPolicy") => {
            cx.fact(
                "network-policy",
                FAMILY,
                file,
                line,
                format!("{kind} `{name}`"),
            );
        }
        ("keda.sh", "ScaledObject" | "ScaledJob") => {
            for t in doc
                .path(&["spec", "triggers"])
                .map(Node::seq)
                .unwrap_or_default()
            {
                if let Some(ty) = t.get_str("type")
                    && let Some(c) = cx.rules.by_kind(&format!("keda/{ty}"))
                {
                    let managed = c.images.is_empty();
                    cx.component(c, FAMILY, file, t.line, name, managed, "KEDA trigger");
                    if c.kind == "broker"
                        && let Some(target) = doc
                            .path(&["spec", "scaleTargetRef", "name"])
                            .and_then(Node::str)
                    {
                        let s = (target.to_string(), file, t.line, c.name.clone());
                        cx.k8s.scaled.push(s);
                    }
                }
            }
            cx.fact("autoscaler", FAMILY, file, line, format!("{kind} `{name}`"));
        }
        ("gateway.networking.k8s.io", "Gateway") => {
            let class = doc
                .path(&["spec", "gatewayClassName"])
                .and_then(Node::str)
                .unwrap_or("");
            if class == "istio-waypoint"
                || meta
                    .and_then(|m| m.path(&["labels", "istio.io/waypoint-for"]))
                    .is_some()
            {
                cx.fact(
                    "mesh-ambient",
                    FAMILY,
                    file,
                    line,
                    format!("waypoint Gateway `{name}`"),
                );
            } else if let Some(c) = cx.rules.by_kind(&gk) {
                cx.component(c, FAMILY, file, line, name, false, "kind");
            }
        }
        _ => {
            if let Some(c) = cx.rules.by_kind(&gk) {
                let key = format!("{gk}/{ns}/{name}");
                if cx.first_sighting(FAMILY, key) {
                    cx.component(c, FAMILY, file, line, name, false, "kind");
                    if c.kind == "broker" {
                        cx.k8s.brokers.push(Broker {
                            name: name.to_string(),
                            labels: Vec::new(),
                            operator: true,
                        });
                    }
                    if cx.rules.is_infra(&c.kind) {
                        cx.fact(
                            "infra-separate-unit",
                            FAMILY,
                            file,
                            line,
                            format!("{} run by an operator (`{kind}` `{name}`)", c.name),
                        );
                    }
                }
            } else if cx.rules.is_edge_marker(g) {
                cx.fact(
                    "edge-node",
                    FAMILY,
                    file,
                    line,
                    format!("{kind} `{name}` ({g})"),
                );
            } else if cx.rules.neutral_kinds.iter().any(|k| k == kind) {
            } else {
                cx.ignore(
                    file,
                    Some(line),
                    format!(
                        "{}{kind}",
                        if g.is_empty() {
                            String::new()
                        } else {
                            format!("{g}/")
                        }
                    ),
                    "kind not used for classification",
                );
            }
        }
    }
}

/// A kustomization: `kustomization.yaml` (with or without `apiVersion` and
/// `kind`) or any document of kind `Kustomization` of kustomize's group.
pub(crate) fn is_kustomization(path: &str, doc: &Node) -> bool {
    let name = crate::engine::file_name(path);
    let named = matches!(
        name,
        "kustomization.yaml" | "kustomization.yml" | "Kustomization"
    );
    let api = doc.get_str("apiVersion").unwrap_or("");
    (named && doc.is_map())
        || (api.starts_with("kustomize.config.k8s.io/")
            && doc.get_str("kind") == Some("Kustomization"))
}

/// A kustomization's `resources`, `bases` and `components` are read when
/// they are among the files read (a directory that holds both); one that
/// is elsewhere (an overlay's `../../bases/app`) is listed, and `kubectl
/// kustomize` renders the whole.
pub(crate) fn kustomization(cx: &mut Cx, file: usize, doc: &Node) {
    cx.recognise(file, FAMILY);
    let mut missing = false;
    for key in ["resources", "bases", "components"] {
        for item in doc.get(key).map(Node::seq).unwrap_or_default() {
            let Some(target) = item.str() else { continue };
            let remote = target.contains("://") || target.starts_with("github.com/");
            if remote || !cx.refers_to_read(file, target) {
                missing = true;
                let why = if remote {
                    "remote, not fetched"
                } else {
                    "not among the files read"
                };
                cx.ignore(
                    file,
                    Some(item.line),
                    format!("kustomize {key} `{target}`"),
                    why,
                );
            }
        }
    }
    if missing {
        let dir = cx.directory(file);
        cx.render_with("kubectl kustomize", &dir);
    }
}

/// Mesh markers in labels / annotations: (fact, line, note).
fn markers(meta: &Node, what: &str) -> Vec<(&'static str, u32, String)> {
    let mut out = Vec::new();
    for section in ["labels", "annotations"] {
        for (k, key, v) in meta.get(section).map(Node::entries).into_iter().flatten() {
            let val = v.str();
            let found = match k {
                "istio-injection" if val == Some("enabled") => {
                    Some(("mesh-injection", "istio-injection=enabled"))
                }
                "sidecar.istio.io/inject" if truthy(val) => {
                    Some(("mesh-injection", "Istio sidecar injection"))
                }
                "istio.io/rev" => Some(("mesh-injection", "istio.io/rev")),
                "linkerd.io/inject" if val == Some("enabled") => {
                    Some(("mesh-injection", "Linkerd proxy injection"))
                }
                "consul.hashicorp.com/connect-inject" if truthy(val) => {
                    Some(("mesh-injection", "Consul Connect injection"))
                }
                "istio.io/dataplane-mode" if val == Some("ambient") => {
                    Some(("mesh-ambient", "ambient mode"))
                }
                "istio.io/use-waypoint" => Some(("mesh-ambient", "uses a waypoint")),
                _ => None,
            };
            if let Some((fact, why)) = found {
                out.push((fact, key.line, format!("{what}: {why}")));
            }
        }
    }
    out
}

/// A container of a pod spec (`name` when it has none).
fn container<'n>(file: usize, c: &'n Node, name: &'static str) -> Container<'n> {
    Container {
        image: c.get_str("image"),
        at: (file, c.get("image").map_or(c.line, |i| i.line)),
        name: c.get_str("name").unwrap_or(name),
        ports: c
            .get("ports")
            .map(Node::seq)
            .unwrap_or_default()
            .iter()
            .filter_map(|p| p.get_str("containerPort").and_then(|s| s.parse().ok()))
            .collect(),
        env: c
            .get("env")
            .map(Node::seq)
            .unwrap_or_default()
            .iter()
            .filter_map(|e| e.get_str("name"))
            .collect(),
        // A workload is identified as its document is read, before the
        // workloads that may address it.
        addressed_at: None,
    }
}

/// A pod template of the workload `(kind, name, namespace)`; `app`: it
/// counts as an application unit unless it turns out to be something else.
fn workload(
    cx: &mut Cx,
    file: usize,
    line: u32,
    (kind, name, ns): (&str, &str, &str),
    pod: &Node,
    app: bool,
) {
    if let Some(m) = pod.get("metadata") {
        for (fact, l, note) in markers(m, &format!("{kind} `{name}` pod")) {
            cx.fact(fact, FAMILY, file, l, note);
        }
    }
    cx.k8s.workload_namespaces.push(ns.to_string());
    let Some(spec) = pod.get("spec") else { return };
    cx.fact(
        "k8s-workload",
        FAMILY,
        file,
        line,
        format!("{kind} `{name}`"),
    );
    let list = |key: &str| spec.get(key).map(Node::seq).unwrap_or_default();
    let mut containers: Vec<Container> = list("containers")
        .iter()
        .map(|c| container(file, c, "container"))
        .collect();
    // native sidecars: init containers that keep running
    containers.extend(
        list("initContainers")
            .iter()
            .filter(|c| c.get_str("restartPolicy") == Some("Always"))
            .map(|c| container(file, c, "init")),
    );
    // Versions of one application (`app: reviews` with `version: v1`,
    // `v2`: Istio's canary layout) are one unit, counted once.
    let labels = string_map(pod.path(&["metadata", "labels"]));
    let label = |k: &str| labels.iter().find(|(l, _)| l == k).map(|(_, v)| v.as_str());
    let versioned = label("version")
        .or(label("app.kubernetes.io/version"))
        .is_some();
    let app_name = label("app").or(label("app.kubernetes.io/name"));
    let app = match app_name {
        Some(a) if app && versioned => cx.first_sighting(FAMILY, format!("app/{ns}/{a}")),
        _ => app,
    };
    // The main container is the one named after the workload or its app
    // (Grafana's chart lists its `k8s-sidecar` helpers before `grafana`);
    // else the first.
    if let Some(i) = containers
        .iter()
        .position(|c| c.name == name || Some(c.name) == app_name)
    {
        containers[..=i].rotate_right(1);
    }
    let role = cx.unit(FAMILY, file, line, kind, name, &containers, app);
    match &role {
        Role::App => {
            let (config, config_maps) = container_config(spec);
            cx.k8s.apps.push(App {
                file,
                line,
                kind: kind.to_string(),
                name: name.to_string(),
                config,
                config_maps,
                image: containers
                    .first()
                    .and_then(|c| c.image.map(|i| (i.to_string(), c.at))),
            });
        }
        Role::Infra(k) if k == "broker" => {
            cx.k8s.brokers.push(Broker {
                name: name.to_string(),
                labels,
                operator: false,
            });
        }
        _ => {}
    }
    if let Role::Infra(k) = &role {
        cx.fact(
            "infra-separate-unit",
            FAMILY,
            file,
            line,
            format!("{k} `{name}` deployed as its own {kind}"),
        );
    }
    if matches!(spec.get_str("hostNetwork"), Some("true")) {
        cx.fact(
            "host-network",
            FAMILY,
            file,
            line,
            format!("{kind} `{name}` uses hostNetwork"),
        );
    }
    // edge placement: nodeSelector, tolerations, node affinity
    let mut edge: Option<(u32, String)> = None;
    for (k, key, v) in spec
        .get("nodeSelector")
        .map(Node::entries)
        .into_iter()
        .flatten()
    {
        if cx.rules.is_edge_marker(k) || v.str().is_some_and(|s| cx.rules.is_edge_marker(s)) {
            edge.get_or_insert((key.line, format!("nodeSelector `{k}`")));
        }
    }
    for t in spec.get("tolerations").map(Node::seq).unwrap_or_default() {
        if let Some(k) = t.get_str("key")
            && cx.rules.is_edge_marker(k)
        {
            edge.get_or_insert((t.line, format!("toleration `{k}`")));
        }
    }
    if let Some(terms) = spec.path(&[
        "affinity",
        "nodeAffinity",
        "requiredDuringSchedulingIgnoredDuringExecution",
        "nodeSelectorTerms",
    ]) {
        for term in terms.seq() {
            for e in term
                .get("matchExpressions")
                .map(Node::seq)
                .unwrap_or_default()
            {
                if let Some(k) = e.get_str("key")
                    && cx.rules.is_edge_marker(k)
                {
                    edge.get_or_insert((e.line, format!("node affinity `{k}`")));
                }
            }
        }
    }
    if let Some((l, why)) = edge {
        cx.fact(
            "edge-node",
            FAMILY,
            file,
            l,
            format!("{kind} `{name}` placed on edge nodes by {why}"),
        );
    }
}

/// The string entries of a mapping (labels, a selector).
fn string_map(n: Option<&Node>) -> Vec<(String, String)> {
    n.map(Node::entries)
        .into_iter()
        .flatten()
        .filter_map(|(k, _, v)| Some((k.to_string(), v.str()?.to_string())))
        .collect()
}

/// The env values, command and args of a pod's containers, and the
/// ConfigMaps it takes its environment from.
fn container_config(spec: &Node) -> (Vec<(String, u32)>, Vec<String>) {
    let (mut config, mut maps) = (Vec::new(), Vec::new());
    let containers = ["containers", "initContainers"]
        .iter()
        .flat_map(|k| spec.get(k).map(Node::seq).unwrap_or_default());
    for c in containers {
        for key in ["command", "args"] {
            if let Some(n) = c.get(key) {
                crate::yaml::scalars(n, &mut config);
            }
        }
        for e in c.get("env").map(Node::seq).unwrap_or_default() {
            if let Some(v) = e.get("value") {
                crate::yaml::scalars(v, &mut config);
            }
            if let Some(m) = e.path(&["valueFrom", "configMapKeyRef", "name"]) {
                maps.extend(m.str().map(str::to_string));
            }
        }
        for e in c.get("envFrom").map(Node::seq).unwrap_or_default() {
            if let Some(m) = e.path(&["configMapRef", "name"]) {
                maps.extend(m.str().map(str::to_string));
            }
        }
    }
    (config, maps)
}

/// Resolves which application workloads use a broker: they name it (its
/// workload, a Service selecting its pods, an operator's Services) in
/// their env, command, args or the ConfigMaps they read, or KEDA scales
/// them on its queue.
pub(crate) fn finish(cx: &mut Cx) {
    let mut st = std::mem::take(&mut cx.k8s);
    namespace_markers(cx, &st);
    addressed_databases(cx, &mut st);
    // each broker and the names that reach it
    let reach: Vec<(&Broker, Vec<&str>)> =
        st.brokers
            .iter()
            .map(|b| {
                let services = st.services.iter().filter(|(_, sel)| {
                    !sel.is_empty() && sel.iter().all(|kv| b.labels.contains(kv))
                });
                let names = std::iter::once(b.name.as_str())
                    .chain(services.map(|(n, _)| n.as_str()))
                    .collect();
                (b, names)
            })
            .collect();
    let names_broker = |text: &str| {
        reach.iter().find_map(|(b, names)| {
            let by_name = names.iter().any(|n| names_host(text, n));
            let by_operator = b.operator && names_host_prefix(text, &b.name);
            (by_name || by_operator).then_some(b.name.as_str())
        })
    };
    for app in &st.apps {
        // a ConfigMap's line is in another file: point at the workload
        let in_maps = || {
            app.config_maps
                .iter()
                .filter_map(|m| st.config_maps.get(m))
                .flatten()
                .find_map(|(v, _)| names_broker(v).map(|b| (b, app.line)))
        };
        let found = app
            .config
            .iter()
            .find_map(|(v, l)| names_broker(v).map(|b| (b, *l)))
            .or_else(in_maps);
        if let Some((broker, line)) = found {
            cx.broker_client(
                FAMILY,
                app.file,
                line,
                &app.name,
                format!("{} `{}` names broker `{broker}`", app.kind, app.name),
            );
        }
    }
    for (target, file, line, broker) in &st.scaled {
        if let Some(app) = st.apps.iter().find(|a| &a.name == target) {
            cx.broker_client(
                FAMILY,
                *file,
                *line,
                &app.name,
                format!("{} `{}` is scaled by KEDA on {broker}", app.kind, app.name),
            );
        }
    }
}

/// A `-db` workload running a `-db` image that another application
/// addresses at a database's port is that database, as in Compose (see
/// `Cx::identify`). A workload is identified as its document is read,
/// before the workloads that address it may be, so this is settled once
/// every document is: it stops counting as an application unit.
fn addressed_databases(cx: &mut Cx, st: &mut State) {
    let mut found = Vec::new();
    for (i, app) in st.apps.iter().enumerate() {
        let Some((image, at)) = &app.image else {
            continue;
        };
        let port = || {
            let clients = st.apps.iter().filter(|a| a.name != app.name);
            let texts = clients.flat_map(|a| &a.config).map(|(v, _)| v.as_str());
            crate::engine::database_port(cx.rules, &[&app.name], texts)
        };
        if let Some(rule) = crate::engine::addressed_database(cx.rules, &app.name, image, port) {
            found.push((i, rule, *at));
        }
    }
    // last first, so that the indices still hold
    for (i, rule, (f, l)) in found.into_iter().rev() {
        let app = st.apps.remove(i);
        cx.facts
            .retain(|x| !(x.name == "app-unit" && x.file == app.file && x.line == app.line));
        let how = crate::engine::ADDRESSED_DATABASE;
        cx.component(rule, FAMILY, f, l, &app.name, false, how);
        cx.fact(
            "infra-separate-unit",
            FAMILY,
            app.file,
            app.line,
            format!(
                "{} `{}` deployed as its own {}",
                rule.kind, app.name, app.kind
            ),
        );
    }
}

/// A mesh label on a Namespace (`istio-injection=enabled`) marks the
/// workloads in that namespace only. A workload that names no namespace
/// goes where it is applied: `default`, or the one Namespace the files
/// declare (`kubectl apply -n`, a kustomization's `namespace:`).
fn namespace_markers(cx: &mut Cx, st: &State) {
    let only = match st.namespaces.as_slice() {
        [one] => one.as_str(),
        _ => "default",
    };
    for (ns, fact, file, line, note) in &st.namespace_markers {
        let in_it = st
            .workload_namespaces
            .iter()
            .any(|w| w == ns || (w.is_empty() && ns == only));
        if in_it {
            cx.fact(fact, FAMILY, *file, *line, note.clone());
        } else {
            cx.ignore(
                *file,
                Some(*line),
                format!("Namespace `{ns}` mesh label"),
                "no workload read is in this namespace",
            );
        }
    }
}
