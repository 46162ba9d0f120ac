//! Terraform (`.tf`) through hcl-rs's span-keeping parser (hcl-edit):
//! providers, regions and resources of several clouds.

use crate::engine::Cx;
use hcl::edit::Span;
use hcl::edit::structure::{Block, Body};

const F: &str = "terraform";
/// Resource-type prefixes of cloud providers (several → multi-cloud).
const CLOUDS: [&str; 10] = [
    "aws",
    "google",
    "azurerm",
    "oci",
    "alicloud",
    "ibm",
    "digitalocean",
    "huaweicloud",
    "tencentcloud",
    "hcloud",
];

/// The cloud a Terraform provider name stands for, named as
/// `serverless.yml` names it, so that one cloud declared in both counts once.
fn cloud_name(provider: &str) -> &str {
    match provider {
        "azurerm" => "azure",
        other => other,
    }
}

fn line_at(text: &str, offset: usize) -> u32 {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u32
        + 1
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
            ("provider", [name, ..]) => {
                recognised = true;
                if CLOUDS.contains(name) {
                    cx.distinct_fact(
                        "cloud-provider",
                        cloud_name(name),
                        F,
                        file,
                        line,
                        format!("provider `{name}`"),
                    );
                }
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
                let prefix = ty.split('_').next().unwrap_or("");
                if let Some(c) = CLOUDS.iter().find(|c| **c == prefix) {
                    cx.distinct_fact(
                        "cloud-provider",
                        cloud_name(c),
                        F,
                        file,
                        line,
                        format!("resources of `{c}` (`{ty}`)"),
                    );
                }
                let unit = format!("{ty}.{name}");
                if let Some(c) = cx.rules.by_resource(ty) {
                    cx.component(c, F, file, line, &unit, true, ty);
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
