//! The detection rules (`rules.yaml`, embedded): components, votes, source
//! precedence and pattern expectations, read once into these structs.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

pub(crate) const RULES_YAML: &str = include_str!("../rules.yaml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct Rules {
    #[allow(dead_code)]
    pub version: u32,
    pub vocabulary: BTreeMap<String, Vec<String>>,
    pub thin: f64,
    /// How much each dimension counts when ranking the catalog.
    pub dimension_weights: BTreeMap<String, f64>,
    pub mixed: f64,
    pub sources: Vec<SourceRule>,
    pub settle: BTreeMap<String, String>,
    pub neutral_kinds: Vec<String>,
    pub edge_markers: Vec<String>,
    pub components: Vec<ComponentRule>,
    pub infra_kinds: Vec<String>,
    pub non_app_kinds: Vec<String>,
    pub rules: Vec<VoteRule>,
    pub patterns: BTreeMap<String, PatternRule>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SourceRule {
    pub id: String,
    pub tier: u32,
    /// Shown in reports.
    pub name: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ComponentRule {
    pub id: String,
    pub kind: String,
    pub name: String,
    #[serde(default)]
    pub images: Vec<String>,
    #[serde(default)]
    pub ports: Vec<u32>,
    #[serde(default)]
    pub kinds: Vec<String>,
    #[serde(default)]
    pub resources: Vec<String>,
    #[serde(default)]
    pub modules: Vec<String>,
    #[serde(default)]
    pub names: Vec<String>,
    #[serde(default)]
    pub env: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct VoteRule {
    /// Named in evidence.
    pub id: String,
    pub dimension: String,
    pub value: String,
    pub weight: f64,
    #[serde(default)]
    pub per: bool,
    #[serde(default)]
    pub cap: Option<usize>,
    pub when: Vec<Clause>,
    #[serde(default)]
    pub unless: Vec<Clause>,
    pub note: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Clause {
    pub fact: String,
    #[serde(default)]
    pub min: Option<usize>,
    #[serde(default)]
    pub max: Option<usize>,
    /// With `share`: the fact must also occur at least `share` times as
    /// often as this one (e.g. half of the application units).
    #[serde(default)]
    pub of: Option<String>,
    #[serde(default)]
    pub share: Option<f64>,
}

impl Clause {
    /// Whether the clause holds, given how often each fact occurs.
    pub fn holds(&self, count: impl Fn(&str) -> usize) -> bool {
        let n = count(&self.fact);
        let share = match (&self.of, self.share) {
            (Some(of), Some(share)) => n as f64 >= share * count(of) as f64,
            _ => true,
        };
        n >= self.min.unwrap_or(1) && self.max.is_none_or(|m| n <= m) && share
    }
}

impl std::fmt::Display for Clause {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.min, self.max) {
            (Some(min), _) if min > 1 => write!(f, "{min}+ `{}`", self.fact),
            _ => write!(f, "`{}`", self.fact),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PatternRule {
    pub expects: Vec<Clause>,
}

pub const DIMENSIONS: [&str; 4] = ["infra", "granularity", "network", "deploy"];

pub(crate) fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| {
        // The embedded file is checked by a test; a broken edit fails it.
        serde_saphyr::from_str(RULES_YAML).expect("embedded rules.yaml is valid")
    })
}

/// The public cloud a provider name stands for, one id per cloud
/// (Terraform's `azurerm` and serverless.yml's `azure` are one), or `None`
/// for a provider that is not one (`kubeless`, `knative`, `random`, `helm`).
pub(crate) fn cloud_of(provider: &str) -> Option<&'static str> {
    Some(match provider {
        "aws" => "aws",
        "google" => "google",
        "azure" | "azurerm" => "azure",
        "oci" => "oci",
        "alicloud" | "aliyun" => "alibaba",
        "ibm" => "ibm",
        "digitalocean" => "digitalocean",
        "huaweicloud" => "huaweicloud",
        "tencentcloud" | "tencent" => "tencent",
        "hcloud" => "hetzner",
        _ => return None,
    })
}

/// `registry.io/org/name:tag@sha` -> (`registry.io/org/name`, `name`).
pub(crate) fn image_repo(image: &str) -> (&str, &str) {
    let no_digest = image.split('@').next().unwrap_or(image);
    // a tag is after the last ':' that follows the last '/'
    let slash = no_digest.rfind('/').map_or(0, |i| i + 1);
    let repo = match no_digest[slash..].find(':') {
        Some(i) => &no_digest[..slash + i],
        None => no_digest,
    };
    let last = &repo[repo.rfind('/').map_or(0, |i| i + 1)..];
    (repo, last)
}

fn name_matches(candidate: &str, entry: &str) -> bool {
    candidate == entry
        || (candidate.len() > entry.len()
            && candidate.starts_with(entry)
            && matches!(
                candidate.as_bytes()[entry.len()],
                b'-' | b'_' | b'.' | b'0'..=b'9'
            ))
}

impl Rules {
    pub fn by_image(&self, image: &str) -> Option<&ComponentRule> {
        let lower = image.to_ascii_lowercase();
        let (repo, last) = image_repo(&lower);
        if last.is_empty() || last.contains("${") {
            return None;
        }
        // A Prometheus exporter (`rabbitmq-exporter`, `mysqld_exporter`)
        // watches a data service; it is not one.
        if last.ends_with("-exporter") || last.ends_with("_exporter") {
            return self.components.iter().find(|c| c.id == "observability");
        }
        self.components.iter().find(|c| {
            c.images.iter().any(|e| {
                if e.contains('/') {
                    // `e` or `…/e`, without building the string per entry:
                    // this runs for every container against every image
                    repo.strip_suffix(e.as_str())
                        .is_some_and(|rest| rest.is_empty() || rest.ends_with('/'))
                } else {
                    name_matches(last, e)
                }
            })
        })
    }
    pub fn by_kind(&self, group_kind: &str) -> Option<&ComponentRule> {
        self.components
            .iter()
            .find(|c| c.kinds.iter().any(|k| k == group_kind))
    }
    pub fn by_resource(&self, ty: &str) -> Option<&ComponentRule> {
        self.components
            .iter()
            .find(|c| c.resources.iter().any(|k| k == ty))
    }
    /// The component a registry module (`terraform-aws-modules/eks/aws`)
    /// makes. Of its submodules (`…//modules/x`), only those named after
    /// the same thing count (`private-cluster`, not `karpenter` or `auth`).
    pub fn by_module(&self, source: &str) -> Option<&ComponentRule> {
        let (module, submodule) = source.split_once("//").unwrap_or((source, ""));
        self.components
            .iter()
            .filter(|c| submodule.is_empty() || submodule.contains(&*c.kind))
            .find(|c| c.modules.iter().any(|m| m.eq_ignore_ascii_case(module)))
    }
    pub fn by_name(&self, name: &str) -> Option<&ComponentRule> {
        let lower = name.to_ascii_lowercase();
        self.components
            .iter()
            .find(|c| c.names.iter().any(|e| name_matches(&lower, e)))
    }
    pub fn by_env(&self, var: &str) -> Option<&ComponentRule> {
        self.components
            .iter()
            .find(|c| c.env.iter().any(|e| e == var))
    }
    pub fn by_port(&self, port: u32) -> Option<&ComponentRule> {
        self.components.iter().find(|c| c.ports.contains(&port))
    }
    pub fn is_infra(&self, kind: &str) -> bool {
        self.infra_kinds.iter().any(|k| k == kind)
    }
    pub fn is_non_app(&self, kind: &str) -> bool {
        self.non_app_kinds.iter().any(|k| k == kind)
    }
    pub fn tier(&self, family: &str) -> u32 {
        self.sources
            .iter()
            .find(|s| s.id == family)
            .map_or(0, |s| s.tier)
    }
    pub fn is_edge_marker(&self, s: &str) -> bool {
        let l = s.to_ascii_lowercase();
        self.edge_markers.iter().any(|m| l.contains(m.as_str()))
    }
    pub fn rank(&self, dim: &str, value: &str) -> Option<(usize, usize)> {
        let vals = self.vocabulary.get(dim)?;
        vals.iter()
            .position(|v| v == value)
            .map(|p| (p, vals.len()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_load_and_are_consistent() {
        let r = rules();
        assert_eq!(r.version, 1);
        let mut ids = std::collections::HashSet::new();
        for c in &r.components {
            assert!(ids.insert(&c.id), "duplicate component {}", c.id);
        }
        let mut ids = std::collections::HashSet::new();
        for v in &r.rules {
            assert!(ids.insert(&v.id), "duplicate rule {}", v.id);
            assert!(DIMENSIONS.contains(&v.dimension.as_str()), "{}", v.id);
            assert!(
                r.rank(&v.dimension, &v.value).is_some(),
                "{}: {}",
                v.id,
                v.value
            );
            assert!(!v.when.is_empty());
            for c in v.when.iter().chain(&v.unless) {
                // a share needs the fact it is a share of, and the reverse
                assert_eq!(c.of.is_some(), c.share.is_some(), "{}", v.id);
            }
        }
        for d in DIMENSIONS {
            assert!(r.settle.contains_key(d));
        }
        for (d, w) in &r.dimension_weights {
            assert!(DIMENSIONS.contains(&d.as_str()), "weight for {d}");
            assert!(*w > 0.0, "weight for {d}");
        }
    }

    #[test]
    fn image_matching() {
        let r = rules();
        assert_eq!(
            r.by_image("confluentinc/cp-kafka:7.5.0").unwrap().id,
            "kafka"
        );
        assert_eq!(r.by_image("postgres:15-alpine").unwrap().id, "postgres");
        assert_eq!(
            r.by_image("docker.io/istio/proxyv2:1.20").unwrap().id,
            "istio"
        );
        assert_eq!(r.by_image("redis:alpine").unwrap().id, "redis");
        assert_eq!(r.by_image("localhost:5000/redis").unwrap().id, "redis");
        assert!(
            r.by_image("gcr.io/google-samples/microservices-demo/frontend:v0.8")
                .is_none()
        );
        assert!(r.by_image("myorg/redistribute").is_none());
    }
}
