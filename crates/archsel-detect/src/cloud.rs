//! Serverless Framework (`serverless.yml`) and AWS SAM / CloudFormation
//! templates (YAML with `!Ref`-style tags, or JSON).

use crate::engine::Cx;
use crate::yaml::Node;

pub(crate) fn looks_like_serverless(doc: &Node) -> bool {
    doc.get("provider").is_some()
        && (doc.get("functions").is_some() || doc.get("service").is_some())
}

pub(crate) fn looks_like_cfn(doc: &Node) -> bool {
    doc.get("AWSTemplateFormatVersion").is_some()
        || doc.get("Transform").is_some_and(|t| {
            t.str().is_some_and(|s| s.starts_with("AWS::Serverless"))
                || t.seq()
                    .iter()
                    .any(|x| x.str().is_some_and(|s| s.starts_with("AWS::Serverless")))
        })
        || doc.get("Resources").is_some_and(|r| {
            r.map()
                .iter()
                .any(|(_, v)| v.get_str("Type").is_some_and(|t| t.starts_with("AWS::")))
        })
}

/// Event source names (serverless.yml `events`, SAM `Events.*.Type`) that are brokers.
fn event_component(ev: &str) -> Option<&'static str> {
    Some(match ev.to_ascii_lowercase().as_str() {
        "sqs" => "sqs",
        "sns" => "sns",
        "stream" | "kinesis" => "kinesis",
        "eventbridge" | "eventbridgerule" | "cloudwatchevent" => "eventbridge",
        "kafka" | "msk" | "selfmanagedkafka" => "kafka",
        "activemq" | "rabbitmq" | "mq" => "rabbitmq",
        "http" | "httpapi" | "api" => "api-gateway",
        _ => return None,
    })
}

/// A serverless.yml value, or the default of the variable it is
/// (`${opt:region, 'us-east-1'}` → `us-east-1`); `None` for a variable
/// without a literal default.
fn literal_or_default(value: &str) -> Option<&str> {
    let Some(inner) = value.trim().strip_prefix("${") else {
        return (!value.contains("${")).then_some(value);
    };
    let fallback = inner.strip_suffix('}')?.rsplit(',').next()?.trim();
    ["'", "\""]
        .iter()
        .find_map(|q| fallback.strip_prefix(q)?.strip_suffix(q))
}

fn by_id(cx: &Cx, id: &str) -> Option<&'static crate::rules::ComponentRule> {
    cx.rules.components.iter().find(|c| c.id == id)
}

pub(crate) fn read_serverless(cx: &mut Cx, file: usize, doc: &Node) {
    const F: &str = "serverless";
    cx.recognise(file, F);
    let provider = doc.get("provider");
    let pname = provider
        .and_then(|p| p.get_str("name").or(p.str()))
        .unwrap_or("aws");
    let pline = provider.map_or(1, |p| p.line);
    if let Some(cloud) = crate::rules::cloud_of(pname) {
        cx.distinct_fact(
            "cloud-provider",
            cloud,
            F,
            file,
            pline,
            format!("provider `{pname}`"),
        );
    }
    if let Some((key, value)) = provider.and_then(|p| p.entry("region")) {
        match value.str().and_then(literal_or_default) {
            Some(r) => {
                cx.distinct_fact("region", r, F, file, key.line, format!("region `{r}`"));
            }
            None => cx.ignore(
                file,
                Some(key.line),
                "provider.region",
                "set by a variable without a default: not counted as a region",
            ),
        }
    }
    let function = by_id(cx, "function");
    for (name, key, f) in doc
        .get("functions")
        .map(Node::entries)
        .into_iter()
        .flatten()
    {
        if let Some(c) = function {
            cx.component(c, F, file, key.line, name, true, "serverless.yml function");
        }
        let resources = doc.path(&["resources", "Resources"]);
        for ev in f.get("events").map(Node::seq).unwrap_or_default() {
            for (ename, ekey, e) in ev.entries() {
                if let Some(c) = event_component(ename).and_then(|id| by_id(cx, id)) {
                    // The HTTP events of one service share its one API
                    // (the framework makes a single REST or HTTP API).
                    let shared_api =
                        c.kind == "gateway" && !cx.first_sighting(F, format!("api/{file}/{ename}"));
                    if !shared_api && counted_resource(cx, e, resources).is_none() {
                        let how = format!("`{ename}` event");
                        cx.component(c, F, file, ekey.line, name, true, &how);
                    }
                    triggered_by(cx, c, F, file, ekey.line, name, ename);
                }
            }
        }
    }
    // serverless-step-functions: `stepFunctions.stateMachines`
    let state_machine = by_id(cx, "state-machine");
    for (name, key, _) in doc
        .path(&["stepFunctions", "stateMachines"])
        .map(Node::entries)
        .into_iter()
        .flatten()
    {
        if let Some(c) = state_machine {
            cx.component(
                c,
                F,
                file,
                key.line,
                name,
                true,
                "serverless-step-functions state machine",
            );
        }
    }
    // serverless-lift constructs
    for (name, key, c) in doc
        .get("constructs")
        .map(Node::entries)
        .into_iter()
        .flatten()
    {
        let id = match c.get_str("type") {
            Some("queue") => "sqs",
            Some("storage") => "aws-s3",
            Some("database/dynamodb-single-table") => "aws-dynamodb",
            Some("static-website" | "single-page-app" | "server-side-website") => "cdn",
            _ => continue,
        };
        if let Some(rule) = by_id(cx, id) {
            cx.component(
                rule,
                F,
                file,
                key.line,
                name,
                true,
                "serverless-lift construct",
            );
        }
        if c.get("worker").is_some()
            && let Some(rule) = function
        {
            let worker = format!("{name}.worker");
            cx.component(
                rule,
                F,
                file,
                key.line,
                &worker,
                true,
                "construct worker function",
            );
            if id == "sqs" {
                let note = format!("function `{worker}` consumes queue `{name}`");
                cx.broker_client(F, file, key.line, &worker, note);
            }
        }
    }
    if let Some(res) = doc.path(&["resources", "Resources"]) {
        cfn_resources(cx, file, res, F);
    }
}

pub(crate) fn read_cfn(cx: &mut Cx, file: usize, doc: &Node, family: &'static str) {
    cx.recognise(file, family);
    let line = doc.entry("Resources").map_or(1, |(k, _)| k.line);
    cx.distinct_fact(
        "cloud-provider",
        "aws",
        family,
        file,
        line,
        "AWS CloudFormation template",
    );
    if let Some(res) = doc.get("Resources") {
        cfn_resources(cx, file, res, family);
    }
}

fn cfn_resources(cx: &mut Cx, file: usize, res: &Node, family: &'static str) {
    for (name, key, r) in res.entries() {
        let Some(ty) = r.get_str("Type") else {
            continue;
        };
        if let Some(c) = cx.rules.by_resource(ty) {
            cx.component(c, family, file, key.line, name, true, ty);
        }
        if ty == "AWS::CloudFront::Distribution"
            && has_key(r, "LambdaFunctionAssociations", 0)
            && let Some(c) = by_id(cx, "edge-runtime")
        {
            cx.component(
                c,
                family,
                file,
                key.line,
                name,
                true,
                "Lambda@Edge association",
            );
        }
        if ty == "AWS::Serverless::Function" {
            for (ename, ekey, ev) in r
                .path(&["Properties", "Events"])
                .map(Node::entries)
                .into_iter()
                .flatten()
            {
                if let Some(c) = ev
                    .get_str("Type")
                    .and_then(event_component)
                    .and_then(|id| by_id(cx, id))
                {
                    let props = ev.get("Properties");
                    if props
                        .and_then(|p| counted_resource(cx, p, Some(res)))
                        .is_none()
                    {
                        let how = format!("event `{ename}`");
                        cx.component(c, family, file, ekey.line, name, true, &how);
                    }
                    triggered_by(cx, c, family, file, ekey.line, name, ename);
                }
            }
        }
    }
}

/// The resource of the same template that an event names
/// (`Stream: !GetAtt DataStream.Arn`, `Queue: !Ref Jobs`,
/// `arn: {Fn::GetAtt: [Jobs, Arn]}`), when it is one that is counted as a
/// component itself: the event then uses that resource, and is not a
/// second queue or stream.
fn counted_resource<'r>(cx: &Cx, event: &Node, resources: Option<&'r Node>) -> Option<&'r str> {
    let mut named = Vec::new();
    crate::yaml::scalars(event, &mut named);
    resources?.entries().into_iter().find_map(|(id, _, r)| {
        let counted = r
            .get_str("Type")
            .and_then(|t| cx.rules.by_resource(t))
            .is_some();
        let is_named = named.iter().any(|(v, _)| v.split('.').next() == Some(id));
        (counted && is_named).then_some(id)
    })
}

/// A function whose event source is a broker (a queue, a topic, a
/// stream) uses it; an HTTP event does not.
fn triggered_by(
    cx: &mut Cx,
    source: &crate::rules::ComponentRule,
    family: &'static str,
    file: usize,
    line: u32,
    function: &str,
    event: &str,
) {
    if source.kind == "broker" {
        let note = format!(
            "function `{function}` is triggered by `{event}` ({})",
            source.name
        );
        cx.broker_client(family, file, line, function, note);
    }
}

fn has_key(n: &Node, key: &str, depth: u32) -> bool {
    depth < 12
        && (n.get(key).is_some()
            || n.map().iter().any(|(_, v)| has_key(v, key, depth + 1))
            || n.seq().iter().any(|v| has_key(v, key, depth + 1)))
}
