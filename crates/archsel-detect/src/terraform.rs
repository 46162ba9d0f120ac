//! Terraform (`.tf`) through hcl-rs's span-keeping parser (hcl-edit):
//! providers, regions and resources of several clouds.

use crate::engine::Cx;
use crate::rules::cloud_of;
use hcl::edit::Span;
use hcl::edit::structure::{Block, Body};

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
                if let Some(r) = b
                    .body
                    .get_attribute("region")
                    .and_then(|a| a.value.as_str())
                {
                    cx.distinct_fact(
                        "region",
                        r,
                        F,
                        file,
                        line,
                        format!("provider `{name}` region `{r}`"),
                    );
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
            ("terraform" | "variable" | "output" | "locals" | "data", _) => recognised = true,
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
