//! What a file that does not parse as YAML was meant to be: a template
//! (Helm or plain Go), a deployment file with an error in it, or something
//! else that only shares an extension (JSON data, a tsconfig with
//! comments, an nginx `.template`), which is no problem of the system's.

/// A text with Go template actions (`{{ if`, `{{- range`, `{{ .Name }}`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Template {
    /// A Helm chart's template: `helm template` renders it.
    Helm,
    /// Another Go template (a test harness's, a tool's).
    Go,
}

/// What only a Helm chart's templates use.
const HELM: [&str; 5] = [
    ".Values",
    ".Release",
    ".Chart",
    "include \"",
    ".Capabilities",
];

pub(crate) fn template(text: &str) -> Option<Template> {
    // an action opens with a word, a field, a variable, a pipeline or a
    // comment: `{{ if`, `{{- toYaml`, `{{ .Name }}`, `{{ $x }}`, `{{/* */}}`
    let action = text.split("{{").skip(1).any(|after| {
        let after = after.trim_start_matches('-').trim_start();
        after.starts_with(|c: char| c.is_ascii_alphabetic() || matches!(c, '.' | '$' | '(' | '/'))
    });
    if !action {
        None
    } else if HELM.iter().any(|h| text.contains(h)) {
        Some(Template::Helm)
    } else {
        Some(Template::Go)
    }
}

/// Whether a file is named or keyed like a deployment file archsel reads,
/// so that an error in it is worth reporting: a Compose, stack or
/// serverless file by name, or the keys of a Kubernetes manifest
/// (`apiVersion` and `kind`), a CloudFormation template, a Compose file
/// (`services:` at the top) or a serverless.yml (`provider` and
/// `functions`), in YAML or JSON.
pub(crate) fn looks_like_deployment(path: &str, text: &str) -> bool {
    let name = crate::engine::file_name(path).to_ascii_lowercase();
    if ["compose", "docker-stack", "serverless."]
        .iter()
        .any(|n| name.contains(n))
        || name.starts_with("template.y")
    {
        return true;
    }
    let mut keys = std::collections::HashSet::new();
    for line in text.lines().take(100_000) {
        let top = !line.starts_with([' ', '\t']);
        let key = line.trim_start().trim_start_matches("- ");
        let key = key.split(':').next().unwrap_or("");
        match key {
            "apiVersion" | "kind" | "provider" | "functions" | "AWSTemplateFormatVersion" => {
                keys.insert(key);
            }
            "services" | "Resources" if top => {
                keys.insert(key);
            }
            _ => {}
        }
    }
    // JSON, even on one line: the quoted keys anywhere
    let has = |k: &str| keys.contains(k) || text.contains(&format!("\"{k}\""));
    (has("apiVersion") && has("kind"))
        || has("AWSTemplateFormatVersion")
        || has("Resources")
        || keys.contains("services")
        || (has("provider") && has("functions"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates() {
        let helm =
            "metadata:\n  name: {{ include \"c.name\" . }}\nspec:\n  replicas: {{ .Values.n }}\n";
        assert_eq!(template(helm), Some(Template::Helm));
        let go = "spec:\n  {{ if not .OpenShift }}\n  x: 1\n  {{ end }}\n";
        assert_eq!(template(go), Some(Template::Go));
        assert_eq!(
            template("x:\n{{- toYaml .Values.x }}\n"),
            Some(Template::Helm)
        );
        // braces in a value that are no action (a route pattern)
        assert_eq!(template("a: \"/attributes/{business_domain}\"\n"), None);
        assert_eq!(template("a: '{{}}'\n"), None);
    }

    #[test]
    fn deployment_shapes() {
        assert!(looks_like_deployment("x/docker-compose.override.yml", "{"));
        assert!(looks_like_deployment(
            "k.yaml",
            "apiVersion: v1\nkind: Service\n  bad"
        ));
        assert!(looks_like_deployment(
            "k.json",
            "{\"apiVersion\": \"v1\", \n\"kind\": \"Pod\""
        ));
        assert!(looks_like_deployment(
            "app.yml",
            "services:\n  web:\n   image: x\n  bad"
        ));
        assert!(!looks_like_deployment(
            "tsconfig.app.json",
            "/* c */\n{\n  \"extends\": \"x\"\n}"
        ));
        assert!(!looks_like_deployment(
            "ratings_data.json",
            "{rating: 5}\n{rating: 4}\n"
        ));
        assert!(!looks_like_deployment(
            "nginx.conf.template",
            "events {\n}\nhttp {\n  kind: x\n}\n"
        ));
    }
}
