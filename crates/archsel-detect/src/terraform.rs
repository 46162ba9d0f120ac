//! Terraform (`.tf`) through hcl-rs's span-keeping parser (hcl-edit):
//! providers, regions and resources of several clouds.

use crate::engine::Cx;
use crate::rules::cloud_of;
use hcl::edit::Span;
use hcl::edit::expr::{Expression, TraversalOperator};
use hcl::edit::structure::{Block, Body};
use std::collections::HashMap;

/// What a module's files say across files: literal variable defaults and
/// locals, and the provider regions that name one (`var.region` in
/// `main.tf`, its default in `variables.tf`), resolved once all are read.
#[derive(Default)]
pub(crate) struct State {
    /// Each name's literal value.
    values: HashMap<Name, String>,
    /// Provider regions given by reference.
    pending: Vec<Region>,
}

/// A value of a module: (its directory, `var` or `local`, name).
type Name = (String, &'static str, String);

/// A provider's region given by `var.NAME` or `local.NAME`.
struct Region {
    name: Name,
    file: usize,
    line: u32,
    provider: String,
}

/// `var.NAME` or `local.NAME`.
fn reference(e: &Expression) -> Option<(&'static str, &str)> {
    let Expression::Traversal(t) = e else {
        return None;
    };
    let Expression::Variable(root) = &t.expr else {
        return None;
    };
    let root = match root.as_str() {
        "var" => "var",
        "local" => "local",
        _ => return None,
    };
    match t.operators.as_slice() {
        [op] => match op.value() {
            TraversalOperator::GetAttr(name) => Some((root, name.as_str())),
            _ => None,
        },
        _ => None,
    }
}

/// Counts the regions given by a variable or a local with a literal value
/// in the same module; reports the others.
pub(crate) fn finish(cx: &mut Cx) {
    let st = std::mem::take(&mut cx.terraform);
    for Region {
        name,
        file,
        line,
        provider,
    } in st.pending
    {
        let (_, root, var) = &name;
        match st.values.get(&name) {
            Some(r) => {
                let note = format!("provider `{provider}` region `{r}` ({root}.{var})");
                cx.distinct_fact("region", r, F, file, line, note);
            }
            None => cx.ignore(
                file,
                Some(line),
                format!("provider `{provider}` region"),
                format!("set by `{root}.{var}`, which has no literal value here: not counted as a region"),
            ),
        }
    }
}

const F: &str = "terraform";

fn line_at(text: &str, offset: usize) -> u32 {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u32
        + 1
}

/// Most instances counted for one resource block: enough for every rule,
/// and a bound on the evidence a `count = 100000` can add.
const MAX_INSTANCES: usize = 20;

/// How many instances a resource block makes: a literal `count`, or the
/// entries of a literal `for_each`; one when either is computed (nothing
/// is evaluated here).
fn instances(body: &Body) -> usize {
    let count = body.get_attribute("count").map(|a| &a.value);
    let each = body.get_attribute("for_each").map(|a| &a.value);
    let literal = match (count, each) {
        (Some(c), _) => c.as_number().and_then(|n| n.as_u64()).map(|n| n as usize),
        (None, Some(e)) => e
            .as_array()
            .map(|a| a.len())
            .or(e.as_object().map(|o| o.len())),
        (None, None) => None,
    };
    literal.unwrap_or(1).min(MAX_INSTANCES)
}

fn has_block(body: &Body, ident: &str, depth: u32) -> bool {
    depth < 8
        && body
            .blocks()
            .any(|b| b.ident.as_str() == ident || has_block(&b.body, ident, depth + 1))
}

pub(crate) fn read(cx: &mut Cx, file: usize, text: &str) {
    let body = match hcl::edit::parser::parse_body(text) {
        Ok(b) => b,
        Err(e) => {
            let line = e.location().line() as u32;
            cx.problem(
                file,
                Some(line),
                "Terraform",
                format!("not valid HCL: {}", e.message()),
            );
            return;
        }
    };
    let mut recognised = false;
    let line_of = |b: &Block| b.span().map_or(1, |s| line_at(text, s.start));
    for b in body.blocks() {
        let labels: Vec<&str> = b.labels.iter().map(|l| l.as_str()).collect();
        let line = line_of(b);
        match (b.ident.as_str(), labels.as_slice()) {
            // A provider block alone does not count its cloud: a project
            // uses a cloud where it declares resources there.
            ("provider", [name, ..]) => {
                recognised = true;
                let region = b.body.get_attribute("region").map(|a| &a.value);
                if let Some(r) = region.and_then(|v| v.as_str()) {
                    cx.distinct_fact(
                        "region",
                        r,
                        F,
                        file,
                        line,
                        format!("provider `{name}` region `{r}`"),
                    );
                } else if let Some((root, var)) = region.and_then(reference) {
                    cx.terraform.pending.push(Region {
                        name: (cx.directory(file), root, var.to_string()),
                        file,
                        line,
                        provider: name.to_string(),
                    });
                }
            }
            ("variable", [var, ..]) => {
                recognised = true;
                let default = b.body.get_attribute("default");
                if let Some(v) = default.and_then(|a| a.value.as_str()) {
                    let key = (cx.directory(file), "var", var.to_string());
                    cx.terraform.values.insert(key, v.to_string());
                }
            }
            ("locals", _) => {
                recognised = true;
                for a in b.body.attributes() {
                    if let Some(v) = a.value.as_str() {
                        let key = (cx.directory(file), "local", a.key.as_str().to_string());
                        cx.terraform.values.insert(key, v.to_string());
                    }
                }
            }
            ("resource", [ty, name, ..]) => {
                recognised = true;
                let instances = instances(&b.body);
                if instances == 0 {
                    cx.ignore(
                        file,
                        Some(line),
                        format!("resource `{ty}.{name}`"),
                        "count = 0: not created",
                    );
                    continue;
                }
                let prefix = ty.split('_').next().unwrap_or("");
                if let Some(cloud) = cloud_of(prefix) {
                    cx.distinct_fact(
                        "cloud-provider",
                        cloud,
                        F,
                        file,
                        line,
                        format!("resources of `{prefix}` (`{ty}`)"),
                    );
                }
                let unit = format!("{ty}.{name}");
                if let Some(c) = cx.rules.by_resource(ty) {
                    let units: Vec<String> = match instances {
                        1 => vec![unit.clone()],
                        n => (0..n).map(|i| format!("{unit}[{i}]")).collect(),
                    };
                    for u in &units {
                        cx.component(c, F, file, line, u, true, ty);
                    }
                }
                // A function triggered from a queue or stream (SQS, Kinesis,
                // MSK, DynamoDB streams) uses it.
                if *ty == "aws_lambda_event_source_mapping" {
                    let note = format!("`{unit}` triggers a function from a queue or stream");
                    cx.broker_client(F, file, line, &unit, note);
                }
                if *ty == "aws_cloudfront_distribution"
                    && has_block(&b.body, "lambda_function_association", 0)
                    && let Some(c) = cx.rules.components.iter().find(|c| c.id == "edge-runtime")
                {
                    cx.component(c, F, file, line, &unit, true, "Lambda@Edge association");
                }
            }
            ("module", [name, ..]) => {
                recognised = true;
                let src = b
                    .body
                    .get_attribute("source")
                    .and_then(|a| a.value.as_str())
                    .unwrap_or("");
                // Terraform reads a source starting with ./ or ../ as a local
                // directory; anything else comes from a registry or a URL.
                let local = src.starts_with("./") || src.starts_with("../");
                if let Some(c) = cx.rules.by_module(src) {
                    cx.component(
                        c,
                        F,
                        file,
                        line,
                        &format!("module.{name}"),
                        true,
                        &format!("registry module {src}"),
                    );
                    // A registry source is `namespace/name/provider`.
                    if let Some(cloud) = src
                        .split("//")
                        .next()
                        .and_then(|m| m.rsplit('/').next())
                        .and_then(cloud_of)
                    {
                        cx.distinct_fact(
                            "cloud-provider",
                            cloud,
                            F,
                            file,
                            line,
                            format!("registry module `{src}`"),
                        );
                    }
                    continue;
                }
                if !(local && cx.refers_to_read(file, src)) {
                    cx.ignore(
                        file,
                        Some(line),
                        format!("module `{name}` ({src})"),
                        if local {
                            "local module outside the files read; run detect on its directory too"
                        } else {
                            "remote module, not fetched: its resources are not counted"
                        },
                    );
                }
            }
            ("terraform" | "output" | "data", _) => recognised = true,
            _ => {}
        }
    }
    if recognised {
        cx.recognise(file, F);
    } else {
        cx.ignore(
            file,
            Some(1),
            "file",
            "HCL without Terraform providers or resources",
        );
    }
}
