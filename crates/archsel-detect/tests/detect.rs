//! Detection on fixtures modelled on public sample repositories (see
//! tests/fixtures/README.md), hostile inputs, and drift against ADRs.

mod common;

use archsel_detect::{Detection, collect, drift, read_decision};
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn run(name: &str) -> Detection {
    collect(&[fixture(name)])
        .expect("collect")
        .detect(&common::core_catalog())
}

fn dims(d: &Detection) -> [String; 4] {
    let v = |r: &archsel_detect::DimensionResult| r.value.clone().unwrap_or_else(|| "?".into());
    [
        v(&d.dimensions.infra),
        v(&d.dimensions.granularity),
        v(&d.dimensions.network),
        v(&d.dimensions.deploy),
    ]
}

/// (fixture, infra, granularity, network, deploy, nearest pattern)
const EXPECTED: &[(&str, &str, &str, &str, &str, &str)] = &[
    (
        "wordpress-mysql",
        "internal",
        "single",
        "flat",
        "single-host",
        "monolith",
    ),
    (
        "nginx-flask-mysql",
        "external",
        "modular",
        "layered",
        "single-host",
        "multi-tier",
    ),
    (
        "react-express-mongodb",
        "external",
        "modular",
        "layered",
        "single-host",
        "multi-tier",
    ),
    // Three application services (vote, worker, result): votes go through
    // Redis as a queue to the worker (the sample's README), so a
    // distributed, event-driven system, on one Docker host.
    (
        "voting-app-compose",
        "external",
        "distributed",
        "bridged",
        "single-host",
        "event-driven",
    ),
    (
        "voting-app-swarm",
        "external",
        "distributed",
        "overlay",
        "orchestrated",
        "container-orchestration",
    ),
    (
        "voting-app-mixed",
        "external",
        "distributed",
        "overlay",
        "orchestrated",
        "container-orchestration",
    ),
    (
        "microservices-demo",
        "external",
        "distributed",
        "overlay",
        "orchestrated",
        "container-orchestration",
    ),
    (
        "microservices-demo-istio",
        "external",
        "distributed",
        "mesh",
        "orchestrated",
        "service-mesh",
    ),
    (
        "bookinfo",
        "?",
        "distributed",
        "mesh",
        "orchestrated",
        "service-mesh",
    ),
    (
        "knative-helloworld",
        "managed",
        "functions",
        "overlay",
        "faas",
        "serverless",
    ),
    (
        "kubeedge-temperature",
        "distributed",
        "single",
        "geo-distributed",
        "edge",
        "edge-computing",
    ),
    (
        "serverless-sqs-worker",
        "managed",
        "functions",
        "managed",
        "faas",
        "serverless",
    ),
    (
        "serverless-rest-dynamodb",
        "managed",
        "functions",
        "managed",
        "faas",
        "serverless",
    ),
    (
        "sam-sqs-lambda",
        "managed",
        "functions",
        "managed",
        "faas",
        "serverless",
    ),
    (
        "terraform-lambda-api",
        "managed",
        "functions",
        "managed",
        "faas",
        "serverless",
    ),
    (
        "terraform-hybrid",
        "multi-cloud",
        "?",
        "vpn-sd-wan",
        "orchestrated",
        "hybrid-cloud",
    ),
];

#[test]
fn fixtures_classify_as_an_architect_would() {
    let mut failures = Vec::new();
    for (name, infra, gran, net, deploy, pattern) in EXPECTED {
        let d = run(name);
        let got = dims(&d);
        let want = [
            infra.to_string(),
            gran.to_string(),
            net.to_string(),
            deploy.to_string(),
        ];
        let top = d.patterns.first().map(|p| p.id.clone()).unwrap_or_default();
        if got != want || top != *pattern {
            failures.push(format!(
                "{name}: got {got:?} nearest {top}, want {want:?} nearest {pattern}"
            ));
        }
        // every evidence points at a line of a file that was read
        for r in [
            &d.dimensions.infra,
            &d.dimensions.granularity,
            &d.dimensions.network,
            &d.dimensions.deploy,
        ] {
            for e in &r.evidence {
                assert!(e.line >= 1, "{name}: {e:?}");
                assert!(
                    d.sources.iter().any(|s| s.file == e.file),
                    "{name}: evidence outside sources: {e:?}"
                );
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn mixed_repository_reports_both_and_kubernetes_decides() {
    let d = run("voting-app-mixed");
    assert_eq!(d.deciding, ["kubernetes"]);
    assert!(
        d.sources
            .iter()
            .any(|s| s.kind == "compose" && s.role == "reported")
    );
    assert!(
        d.sources
            .iter()
            .any(|s| s.kind == "kubernetes" && s.role == "decides")
    );
    let compose = d
        .views
        .iter()
        .find(|v| v.source == "compose")
        .expect("compose view");
    assert_eq!(compose.dimensions["deploy"].as_deref(), Some("single-host"));
    assert!(!compose.decides);
}

#[test]
fn components_are_recognised_with_evidence() {
    let d = run("voting-app-compose");
    let kinds: Vec<(&str, &str)> = d
        .components
        .iter()
        .map(|c| (c.id.as_str(), c.kind.as_str()))
        .collect();
    assert!(kinds.contains(&("redis", "cache")), "{kinds:?}");
    assert!(kinds.contains(&("postgres", "database")), "{kinds:?}");
    let d = run("sam-sqs-lambda");
    assert!(
        d.components
            .iter()
            .any(|c| c.id == "sqs" && c.managed && c.evidence.line == 7),
        "{:?}",
        d.components
    );
    let d = run("microservices-demo-istio");
    assert!(d.components.iter().any(|c| c.kind == "mesh-proxy"));
    // profiles-only service is listed as ignored, not counted
    let d = run("voting-app-compose");
    assert!(d.ignored.iter().any(|i| i.what.contains("seed")));
}

#[test]
fn hostile_inputs_are_reported_not_fatal() {
    let dir = tempdir();
    std::fs::write(dir.join("binary.yaml"), [0u8, 159, 146, 150, 0, 1, 2]).unwrap();
    std::fs::write(
        dir.join("huge.yaml"),
        vec![b'a'; (archsel_detect::MAX_FILE_SIZE + 10) as usize],
    )
    .unwrap();
    std::fs::write(dir.join("deep.yaml"), "[".repeat(100_000)).unwrap();
    std::fs::write(dir.join("bad-utf8.yml"), [b'a', b':', b' ', 0xff, 0xfe]).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&dir, dir.join("loop")).unwrap();
    let hostile = fixture("hostile");
    let start = std::time::Instant::now();
    let c = collect(&[dir.clone(), hostile]).expect("collect");
    assert!(c.skipped.iter().any(|s| s.path.ends_with("huge.yaml")));
    #[cfg(unix)]
    assert!(
        c.skipped.iter().any(|s| s.reason.contains("symlink loop")),
        "{:?}",
        c.skipped
    );
    let d = c.detect(&common::core_catalog());
    assert!(start.elapsed().as_secs() < 5);
    let problem = |f: &str| d.problems.iter().any(|p| p.file.ends_with(f));
    assert!(problem("billion-laughs.yaml"), "{:?}", d.problems);
    assert!(
        problem("deployment.yaml"),
        "helm template: {:?}",
        d.problems
    );
    assert!(problem("deep.yaml"));
    assert!(problem("bad-utf8.yml"));
    assert!(
        d.ignored
            .iter()
            .any(|i| i.what.contains("example.com/Widget")),
        "{:?}",
        d.ignored
    );
    assert!(d.ignored.iter().any(|i| i.file.ends_with("binary.yaml")));
    // the valid Deployment beside the broken document is still read
    assert!(d.components.is_empty() || d.sources.iter().any(|s| s.file.ends_with("things.yaml")));
    assert!(d.sources.iter().any(|s| s.file.ends_with("things.yaml")));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn local_terraform_modules_are_read_with_the_rest_and_remote_ones_are_reported() {
    let d = run("terraform-modules");
    let ignored = |name: &str| d.ignored.iter().find(|i| i.what.contains(name));
    let vpc = ignored("`vpc`").unwrap_or_else(|| panic!("vpc not reported: {:?}", d.ignored));
    assert!(vpc.reason.contains("remote module"), "{vpc:?}");
    // terraform-aws-modules/ec2-instance is a well-known module: its VMs count.
    assert!(ignored("`ec2_instances`").is_none(), "{:?}", d.ignored);
    assert!(
        d.components
            .iter()
            .any(|c| c.kind == "vm" && c.unit == "module.ec2_instances")
    );
    assert!(ignored("website_s3_bucket").is_none(), "{:?}", d.ignored);
    assert!(d.components.iter().any(|c| {
        c.evidence
            .file
            .ends_with("aws-s3-static-website-bucket/main.tf")
    }));
    // One cloud (AWS) in two files is not several clouds.
    assert_eq!(dims(&d)[0], "managed");

    // The root module alone: its local module was not read, and detect says so.
    let d = collect(&[fixture("terraform-modules/main.tf")])
        .expect("collect")
        .detect(&common::core_catalog());
    let local = ignored_entry(&d, "website_s3_bucket");
    assert!(
        local.reason.contains("local module outside the files read"),
        "{local:?}"
    );
}

#[test]
fn compose_includes_resolve_against_the_including_file() {
    let input = |path: &str, text: &str| archsel_detect::Input {
        path: path.into(),
        text: text.into(),
    };
    let app = input(
        "deploy/app/compose.yaml",
        "include:\n  - ../common/db.yaml\n  - path: ./cache.yaml\nservices:\n  web:\n    image: org/web:1\n",
    );
    let db = input(
        "deploy/common/db.yaml",
        "services:\n  db:\n    image: postgres:16\n",
    );
    let d = archsel_detect::detect(&[app.clone(), db], &common::core_catalog());
    assert!(
        !d.ignored.iter().any(|i| i.what.contains("db.yaml")),
        "{:?}",
        d.ignored
    );
    let cache = ignored_entry(&d, "cache.yaml");
    assert!(
        cache.reason.contains("not among the files read"),
        "{cache:?}"
    );
    // A file of the same name elsewhere is not the one included.
    let other = input(
        "elsewhere/common/db.yaml",
        "services:\n  db:\n    image: postgres:16\n",
    );
    let d = archsel_detect::detect(&[app, other], &common::core_catalog());
    ignored_entry(&d, "db.yaml");
}

fn ignored_entry<'d>(d: &'d Detection, what: &str) -> &'d archsel_detect::Ignored {
    d.ignored
        .iter()
        .find(|i| i.what.contains(what))
        .unwrap_or_else(|| panic!("{what} not reported: {:?}", d.ignored))
}

#[test]
fn a_cloud_or_region_named_in_many_files_counts_once() {
    let input = |path: &str, text: String| archsel_detect::Input {
        path: path.into(),
        text: text.into(),
    };
    let service = |region: &str| {
        format!(
            "service: s\nprovider:\n  name: aws\n  region: {region}\nfunctions:\n  f:\n    handler: h.f\n"
        )
    };
    let notes = |d: &Detection| -> Vec<String> {
        [&d.dimensions.infra, &d.dimensions.network]
            .iter()
            .flat_map(|r| {
                r.evidence
                    .iter()
                    .chain(r.elsewhere.iter().flat_map(|a| &a.evidence))
            })
            .map(|e| e.note.clone())
            .collect()
    };
    let says = |d: &Detection, what: &str| notes(d).iter().any(|n| n.contains(what));

    // One serverless.yml per service, all on AWS in one region.
    let mut files = vec![
        input("a/serverless.yml", service("us-east-1")),
        input("b/serverless.yml", service("us-east-1")),
    ];
    let d = archsel_detect::detect(&files, &common::core_catalog());
    assert!(!says(&d, "several cloud providers"), "{:?}", notes(&d));
    assert!(!says(&d, "several regions"), "{:?}", notes(&d));
    files.push(input("c/serverless.yml", service("eu-west-1")));
    let d = archsel_detect::detect(&files, &common::core_catalog());
    assert!(says(&d, "several regions"), "{:?}", notes(&d));

    // A provider block and resources in several Terraform files.
    let mut files = vec![
        input(
            "providers.tf",
            "provider \"aws\" {\n  region = \"us-east-1\"\n}\n".into(),
        ),
        input("queue.tf", "resource \"aws_sqs_queue\" \"q\" {}\n".into()),
        input(
            "bucket.tf",
            "provider \"aws\" {\n  alias = \"b\"\n}\nresource \"aws_s3_bucket\" \"b\" {}\n".into(),
        ),
    ];
    let d = archsel_detect::detect(&files, &common::core_catalog());
    assert!(!says(&d, "several cloud providers"), "{:?}", notes(&d));
    files.push(input(
        "gcp.tf",
        "resource \"google_storage_bucket\" \"b\" {}\n".into(),
    ));
    let d = archsel_detect::detect(&files, &common::core_catalog());
    assert_eq!(dims(&d)[0], "multi-cloud", "{:?}", notes(&d));
}

fn input(path: &str, text: &str) -> archsel_detect::Input {
    archsel_detect::Input {
        path: path.into(),
        text: text.to_owned().into(),
    }
}

fn top(d: &Detection) -> &str {
    &d.patterns[0].id
}

/// A cloud counts where resources are declared there, and only a public
/// cloud counts; one cloud is no marker of a hybrid (published examples:
/// hashicorp/learn-terraform-provision-eks-cluster declares `provider
/// "aws"` and builds everything through registry modules; serverless.yml
/// `provider: kubeless` runs on the user's own cluster).
#[test]
fn only_clouds_with_resources_count_and_one_cloud_is_not_hybrid() {
    let catalog = common::core_catalog();
    let aws_with_unused_azure = [input(
        "main.tf",
        "provider \"aws\" {}\nprovider \"azurerm\" {\n  features {}\n}\nresource \"aws_s3_bucket\" \"b\" {}\n",
    )];
    let d = archsel_detect::detect(&aws_with_unused_azure, &catalog);
    assert_ne!(dims(&d)[0], "multi-cloud");
    assert!(
        d.patterns
            .iter()
            .all(|p| p.id != "hybrid-cloud" || p.similarity < 0.3),
        "{:?}",
        d.patterns
    );
    let kubeless_and_aws = [
        input(
            "a/serverless.yml",
            "service: a\nprovider:\n  name: kubeless\nfunctions:\n  f:\n    handler: h.f\n",
        ),
        input(
            "b/serverless.yml",
            "service: b\nprovider:\n  name: aws\nfunctions:\n  g:\n    handler: h.g\n",
        ),
    ];
    let d = archsel_detect::detect(&kubeless_and_aws, &catalog);
    assert_ne!(dims(&d)[0], "multi-cloud");
    assert_eq!(top(&d), "serverless");
    let two_clouds = [input(
        "main.tf",
        "resource \"aws_s3_bucket\" \"b\" {}\nresource \"azurerm_storage_account\" \"s\" {}\n",
    )];
    let d = archsel_detect::detect(&two_clouds, &catalog);
    let hybrid = d.patterns.iter().find(|p| p.id == "hybrid-cloud").unwrap();
    assert!(
        hybrid
            .reasons
            .iter()
            .any(|r| r.contains("2+ `cloud-provider` seen")),
        "{:?}",
        hybrid.reasons
    );
}

/// `count` and `for_each` make several instances of one block (Azure's
/// 101-vm-cluster-linux quickstart: two VMs through `count = 2`).
#[test]
fn terraform_count_and_for_each_make_instances() {
    let catalog = common::core_catalog();
    let vms = |meta: &str| {
        let d = archsel_detect::detect(
            &[input(
                "main.tf",
                &format!("resource \"aws_instance\" \"web\" {{\n  {meta}\n}}\n"),
            )],
            &catalog,
        );
        d.components.iter().filter(|c| c.kind == "vm").count()
    };
    assert_eq!(vms("count = 3"), 3);
    assert_eq!(vms("for_each = { a = 1, b = 2 }"), 2);
    assert_eq!(vms("for_each = [\"a\", \"b\", \"c\", \"d\"]"), 4);
    assert_eq!(vms("count = var.n"), 1, "computed: one at least");
    assert_eq!(vms("count = 100000"), 20, "bounded");
    assert_eq!(vms("count = 0"), 0, "not created");
    let d = archsel_detect::detect(
        &[input(
            "main.tf",
            "resource \"aws_instance\" \"web\" {\n  count = 2\n}\n",
        )],
        &catalog,
    );
    assert_eq!(dims(&d)[3], "multi-host");
}

/// A region given by a serverless.yml variable counts by its default, or
/// not at all; its evidence points at the `region:` line.
#[test]
fn serverless_regions_from_variables() {
    let catalog = common::core_catalog();
    let service = |name: &str, region: &str| {
        format!(
            "service: {name}\nprovider:\n  name: aws\n  runtime: nodejs20.x\n  region: {region}\nfunctions:\n  f:\n    handler: h.f\n"
        )
    };
    let d = archsel_detect::detect(
        &[
            input("a/serverless.yml", &service("a", "us-east-1")),
            input(
                "b/serverless.yml",
                &service("b", "${opt:region, 'us-east-1'}"),
            ),
            input("c/serverless.yml", &service("c", "${self:custom.region}")),
        ],
        &catalog,
    );
    assert_ne!(dims(&d)[2], "geo-distributed");
    ignored_entry(&d, "provider.region");
    let d = archsel_detect::detect(
        &[
            input("a/serverless.yml", &service("a", "us-east-1")),
            input(
                "b/serverless.yml",
                &service("b", "${opt:region, \"eu-west-1\"}"),
            ),
        ],
        &catalog,
    );
    let regions: Vec<_> = d
        .dimensions
        .network
        .evidence
        .iter()
        .filter(|e| e.note.contains("region `"))
        .collect();
    assert_eq!(regions.len(), 2, "{:?}", d.dimensions.network);
    assert!(regions.iter().all(|e| e.line == 5), "{regions:?}");
}

/// A Step Functions state machine is serverless orchestration (aws-samples
/// serverless-patterns `apigw-sfn`: an HTTP API starting an express
/// workflow, no Lambda function).
#[test]
fn state_machines_are_managed_workflows() {
    let template = "Transform: AWS::Serverless-2016-10-31\nResources:\n  Flow:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      Type: EXPRESS\n  Api:\n    Type: AWS::Serverless::HttpApi\n";
    let d = archsel_detect::detect(&[input("template.yaml", template)], &common::core_catalog());
    assert!(
        d.components
            .iter()
            .any(|c| c.kind == "workflow" && c.unit == "Flow"),
        "{:?}",
        d.components
    );
    assert_eq!(dims(&d)[3], "faas");
    assert_eq!(top(&d), "serverless");
    let sls = "service: s\nprovider:\n  name: aws\nplugins:\n  - serverless-step-functions\nstepFunctions:\n  stateMachines:\n    order:\n      definition: {}\n";
    let d = archsel_detect::detect(&[input("serverless.yml", sls)], &common::core_catalog());
    assert!(
        d.components
            .iter()
            .any(|c| c.kind == "workflow" && c.evidence.line == 8),
        "{:?}",
        d.components
    );
}

/// Well-known registry modules make what their resources would (the EKS
/// and GKE quickstarts build their cluster only through them); other
/// remote modules are reported as not counted.
#[test]
fn well_known_registry_modules_count_others_are_reported() {
    let tf = "module \"eks\" {\n  source  = \"terraform-aws-modules/eks/aws\"\n  version = \"~> 20.0\"\n}\n\
module \"karpenter\" {\n  source = \"terraform-aws-modules/eks/aws//modules/karpenter\"\n}\n\
module \"vpc\" {\n  source = \"terraform-aws-modules/vpc/aws\"\n}\n";
    let d = archsel_detect::detect(&[input("main.tf", tf)], &common::core_catalog());
    let clusters: Vec<_> = d
        .components
        .iter()
        .filter(|c| c.kind == "cluster")
        .collect();
    assert_eq!(clusters.len(), 1, "{clusters:?}");
    assert_eq!(
        (clusters[0].unit.as_str(), clusters[0].evidence.line),
        ("module.eks", 1)
    );
    assert_eq!(dims(&d)[3], "orchestrated");
    assert_eq!(top(&d), "container-orchestration");
    ignored_entry(&d, "module `karpenter`");
    ignored_entry(&d, "module `vpc`");
}

fn tempdir() -> PathBuf {
    let p = std::env::temp_dir().join(format!(
        "archsel-detect-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    let _ = std::fs::remove_dir_all(&p);
    std::fs::create_dir_all(&p).unwrap();
    p
}

#[test]
fn nothing_found_says_what_was_looked_for() {
    let d = run("nothing");
    let err = d
        .check_found("tests/fixtures/nothing")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("Kubernetes manifests") && err.contains("serverless.yml"),
        "{err}"
    );
    assert!(d.uncertainty.is_empty());
}

#[test]
fn stdin_style_input_multi_document_and_list() {
    let text = "apiVersion: v1\nkind: List\nitems:\n- apiVersion: apps/v1\n  kind: Deployment\n  metadata: {name: a}\n  spec: {template: {spec: {containers: [{name: a, image: org/a:1}]}}}\n- apiVersion: apps/v1\n  kind: Deployment\n  metadata: {name: b}\n  spec: {template: {spec: {containers: [{name: b, image: org/b:1}]}}}\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: kafka}\nspec: {template: {spec: {containers: [{name: k, image: bitnami/kafka:3}]}}}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: c}\nspec: {template: {spec: {containers: [{name: c, image: org/c:1}]}}}\n";
    let d = archsel_detect::detect(
        &[archsel_detect::Input {
            path: "-".into(),
            text: text.into(),
        }],
        &common::core_catalog(),
    );
    assert_eq!(dims(&d)[1], "distributed");
    // no workload names the broker: the cluster's overlay, not a hub
    assert_eq!(dims(&d)[2], "overlay");
    assert_eq!(
        d.components
            .iter()
            .find(|c| c.unit == "kafka")
            .map(|c| c.evidence.line),
        Some(16)
    );
}

/// A document of `helm template` output read from standard input is cited
/// with the template its `# Source:` comment names; a file is cited by its
/// own path and line, whatever comments it holds.
#[test]
fn stdin_evidence_names_the_helm_template_a_document_came_from() {
    let text = "---\n# Source: c/templates/a.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\nspec: {template: {spec: {containers: [{name: a, image: org/a:1}]}}}\n---\n# Source: c/templates/kafka.yaml\napiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: kafka}\nspec: {template: {spec: {containers: [{name: k, image: bitnami/kafka:3}]}}}\n";
    let cat = common::core_catalog();
    let d = archsel_detect::detect(&[input("-", text)], &cat);
    let kafka = d.components.iter().find(|c| c.unit == "kafka").unwrap();
    assert_eq!(kafka.evidence.file, "-");
    assert_eq!(
        kafka.evidence.rendered_from.as_deref(),
        Some("c/templates/kafka.yaml")
    );
    assert_eq!(
        kafka.evidence.at(),
        format!("-:{} (c/templates/kafka.yaml)", kafka.evidence.line)
    );
    // the dimensions' evidence too
    let deploy = &d.dimensions.deploy.evidence;
    assert!(
        deploy
            .iter()
            .any(|e| e.note.contains("`a`")
                && e.rendered_from.as_deref() == Some("c/templates/a.yaml")),
        "{deploy:?}"
    );

    let d = archsel_detect::detect(&[input("out.yaml", text)], &cat);
    assert!(
        d.components
            .iter()
            .all(|c| c.evidence.rendered_from.is_none())
    );
}

/// Sock Shop's `user-db` runs `weaveworksdemos/user-db`, a MongoDB built
/// FROM mongo that sets none of its variables: the service and its image
/// both call it a database (`-db`) and `user` addresses it at MongoDB's
/// port, so it is a database, not an application unit. A `-db` service
/// addressed by no one (a migration job), one whose image does not say
/// database, or an address at a port no database owns leave a service what
/// it was.
#[test]
fn a_db_named_service_its_app_addresses_at_a_database_port_is_that_database() {
    let compose = "services:
  user:
    image: weaveworksdemos/user:0.4.4
    environment:
      - MONGO_HOST=user-db:27017
      - REPORTS=postgres://reports-db:5432/r
      - CACHE=http://cache-db:8080
    depends_on: [migrate-db]
  user-db:
    image: weaveworksdemos/user-db:0.4.0
  migrate-db:
    image: org/migrate-db:1
  reports-db:
    image: org/reports:1
  cache-db:
    image: org/cache-db:1
";
    let d = archsel_detect::detect(
        &[input("d/docker-compose.yml", compose)],
        &common::core_catalog(),
    );
    let component = |unit: &str| {
        d.components
            .iter()
            .find(|c| c.unit == unit)
            .map(|c| (c.kind.as_str(), c.id.as_str(), c.evidence.line))
    };
    assert_eq!(component("user-db"), Some(("database", "mongodb", 10)));
    for unit in ["migrate-db", "reports-db", "cache-db"] {
        assert_eq!(component(unit), None, "{unit}");
    }
    let apps: Vec<&str> = d
        .dimensions
        .granularity
        .evidence
        .iter()
        .map(|e| e.note.as_str())
        .collect();
    assert!(apps.iter().all(|n| !n.contains("`user-db`")), "{apps:?}");
    assert!(apps.iter().any(|n| n.contains("`migrate-db`")), "{apps:?}");
}

/// The same in Kubernetes (Sock Shop's complete-demo.yaml), where the
/// database's Deployment comes before the application that addresses it.
#[test]
fn a_db_named_workload_an_app_addresses_later_is_that_database() {
    let k8s = "apiVersion: apps/v1
kind: Deployment
metadata: {name: user-db}
spec: {template: {spec: {containers: [{name: user-db, image: weaveworksdemos/user-db:0.4.0}]}}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: seed-db}
spec: {template: {spec: {containers: [{name: seed-db, image: org/seed-db:1}]}}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: user}
spec:
  template:
    spec:
      containers:
      - name: user
        image: weaveworksdemos/user:0.4.4
        env:
        - {name: MONGO_HOST, value: \"user-db:27017\"}
";
    let d = archsel_detect::detect(&[input("k/demo.yaml", k8s)], &common::core_catalog());
    let user_db = d.components.iter().find(|c| c.unit == "user-db");
    assert_eq!(
        user_db.map(|c| (c.id.as_str(), c.evidence.line)),
        Some(("mongodb", 4))
    );
    assert!(d.components.iter().all(|c| c.unit != "seed-db"));
    let notes = |e: &[archsel_detect::Evidence]| -> Vec<String> {
        e.iter().map(|e| e.note.clone()).collect()
    };
    let infra = notes(&d.dimensions.infra.evidence);
    assert!(
        infra
            .iter()
            .any(|n| n.contains("database `user-db` deployed as its own Deployment")),
        "{infra:?}"
    );
    // two application units left: `seed-db` and `user`
    let granularity = notes(&d.dimensions.granularity.evidence);
    assert!(
        granularity.iter().all(|n| !n.contains("`user-db`")),
        "{granularity:?}"
    );
    assert!(
        granularity.iter().any(|n| n.contains("`seed-db`")),
        "{granularity:?}"
    );
}

#[test]
fn drift_passes_when_the_system_matches_and_fails_when_it_has_drifted() {
    let k8s =
        read_decision(&std::fs::read_to_string(fixture("adr/0001-microservices.md")).unwrap())
            .unwrap();
    assert_eq!(k8s.pattern, "container-orchestration");
    assert_eq!(k8s.dimensions["network"], "overlay");
    assert_eq!(k8s.answers["team-size"], "11-50");
    // Compose for development next to Kubernetes for production: no drift.
    let d = run("voting-app-mixed");
    assert!(drift(&d, &k8s).is_empty(), "{:?}", drift(&d, &k8s));
    // A layered monolith decision against a Kubernetes system: drift.
    let mono =
        read_decision(&std::fs::read_to_string(fixture("adr/0002-layered-monolith.md")).unwrap())
            .unwrap();
    let f = drift(&d, &mono);
    let rules: Vec<&str> = f.iter().map(|f| f.rule).collect();
    for r in [
        "drift-infra",
        "drift-granularity",
        "drift-network",
        "drift-deploy",
        "drift-pattern",
    ] {
        assert!(rules.contains(&r), "{rules:?}");
    }
    assert!(f.iter().all(|f| f.line >= 1 && !f.file.is_empty()));
    // The monolith decision matches the WordPress Compose file.
    let wp = run("wordpress-mysql");
    let f = drift(&wp, &mono);
    assert!(
        f.iter()
            .all(|f| f.rule != "drift-deploy" && f.rule != "drift-network"),
        "{f:?}"
    );
}

#[test]
fn thin_evidence_is_never_drift() {
    let mono =
        read_decision(&std::fs::read_to_string(fixture("adr/0002-layered-monolith.md")).unwrap())
            .unwrap();
    let d = run("bookinfo");
    assert!(drift(&d, &mono).iter().all(|f| f.rule != "drift-infra"));
}

#[test]
fn read_decision_errors_are_helpful() {
    assert!(
        read_decision("# no front matter")
            .unwrap_err()
            .to_string()
            .contains("recommend --adr")
    );
    assert!(
        read_decision("---\nstatus: accepted\n---\n")
            .unwrap_err()
            .to_string()
            .contains("archsel")
    );
    assert!(read_decision("---\narchsel: {pattern: x}\n").is_err());
}

#[test]
fn json_has_the_documented_keys() {
    let d = run("microservices-demo");
    let v = serde_json::to_value(&d).unwrap();
    for dim in ["infra", "granularity", "network", "deploy"] {
        assert!(v["dimensions"][dim]["value"].is_string());
        let e = &v["dimensions"][dim]["evidence"][0];
        assert!(
            e["file"].is_string() && e["line"].is_u64() && e["note"].is_string(),
            "{dim}"
        );
    }
    assert!(v["patterns"][0]["id"].is_string() && v["patterns"][0]["similarity"].is_f64());
    assert!(v["components"].is_array() && v["sources"].is_array() && v["ignored"].is_array());
    assert!(v["confidence"].is_f64() && v["uncertainty"].is_array());
}

/// Every evidence note of a dimension, its value's and the others'.
fn dim_notes(r: &archsel_detect::DimensionResult) -> Vec<String> {
    r.evidence
        .iter()
        .chain(r.elsewhere.iter().flat_map(|a| &a.evidence))
        .map(|e| e.note.clone())
        .collect()
}

/// A broker is a hub only for the units that use it. Sock Shop's
/// `deploy/docker-compose/docker-compose.yml` (microservices-demo/
/// microservices-demo @ 9dff06f, Apache-2.0) runs RabbitMQ beside eight
/// services; only shipping and queue-master use it (README: "Only
/// orders→shipping→rabbitmq→queue-master is asynchronous") and none names
/// it in the file: catalogue, front-end and the databases never talk
/// through it, so the network is not a hub and the system is
/// microservices, not event-driven. Shortened here to its shape.
#[test]
fn only_units_that_use_a_broker_talk_through_it() {
    let catalog = common::core_catalog();
    let sock_shop = "services:\n  front-end:\n    image: weaveworksdemos/front-end:0.3.12\n  catalogue:\n    image: weaveworksdemos/catalogue:0.3.5\n  catalogue-db:\n    image: mysql:5.7\n  carts:\n    image: weaveworksdemos/carts:0.4.8\n  orders:\n    image: weaveworksdemos/orders:0.4.7\n  shipping:\n    image: weaveworksdemos/shipping:0.4.8\n  queue-master:\n    image: weaveworksdemos/queue-master:0.3.1\n  rabbitmq:\n    image: rabbitmq:3.6.8\n  payment:\n    image: weaveworksdemos/payment:0.4.3\n  user:\n    image: weaveworksdemos/user:0.4.4\n";
    let d = archsel_detect::detect(&[input("docker-compose.yml", sock_shop)], &catalog);
    let net = dim_notes(&d.dimensions.network);
    assert!(!net.iter().any(|n| n.contains("broker")), "{net:?}");
    assert_ne!(dims(&d)[2], "hub-spoke");
    assert_ne!(top(&d), "event-driven", "{:?}", d.patterns);

    // Producer and consumer name the broker (a URL in the environment,
    // depends_on); the third service does not and is not listed.
    let queue = "services:\n  api:\n    build: ./api\n    environment:\n      AMQP_URL: amqp://guest:guest@mq:5672/\n  worker:\n    build: ./worker\n    depends_on: [mq]\n  web:\n    build: ./web\n    environment:\n      - API=http://api:8080\n  mq:\n    image: rabbitmq:3-management\n";
    let d = archsel_detect::detect(&[input("compose.yaml", queue)], &catalog);
    assert_eq!(dims(&d)[2], "hub-spoke", "{:?}", d.dimensions.network);
    let net = dim_notes(&d.dimensions.network);
    let users: Vec<&String> = net.iter().filter(|n| n.contains("broker `mq`")).collect();
    assert_eq!(users.len(), 2, "{net:?}");
    assert!(
        !net.iter()
            .any(|n| n.contains("broker") && n.contains("`web`")),
        "{net:?}"
    );
}

/// Kubernetes: a workload uses a broker when its env, args or the
/// ConfigMap it reads name the broker's workload or a Service selecting
/// its pods (as the OpenTelemetry demo's Helm output sets
/// `KAFKA_ADDR: kafka:9092`); an operator's Kafka is reached through
/// Services named after it (Strimzi: `NAME-kafka-bootstrap`).
#[test]
fn kubernetes_units_use_a_broker_only_when_they_name_it() {
    let catalog = common::core_catalog();
    let deploy = |name: &str, image: &str, extra: &str| {
        format!(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {name}\nspec:\n  template:\n    metadata:\n      labels: {{app: {name}}}\n    spec:\n      containers:\n      - name: {name}\n        image: {image}\n{extra}---\n"
        )
    };
    let mut text = deploy("queue", "rabbitmq:3", "");
    text += "apiVersion: v1\nkind: Service\nmetadata:\n  name: events\nspec:\n  selector: {app: queue}\n---\n";
    text += &deploy(
        "orders",
        "example.com/orders:1",
        "        env:\n        - name: BROKER\n          value: amqp://events:5672\n",
    );
    text += &deploy(
        "shipping",
        "example.com/shipping:1",
        "        envFrom:\n        - configMapRef: {name: shipping-config}\n",
    );
    text += "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shipping-config\ndata:\n  QUEUE_HOST: queue.shop.svc.cluster.local\n---\n";
    text += &deploy("catalogue", "example.com/catalogue:1", "");
    let d = archsel_detect::detect(&[input("-", &text)], &catalog);
    let net = dim_notes(&d.dimensions.network);
    let users: Vec<&String> = net.iter().filter(|n| n.contains("names broker")).collect();
    assert_eq!(users.len(), 2, "{net:?}");
    let listed = |net: &[String], unit: &str| {
        net.iter()
            .any(|n| n.contains("broker") && n.contains(&format!("`{unit}`")))
    };
    assert!(!listed(&net, "catalogue"), "{net:?}");

    // Strimzi Kafka `events`, reached through its bootstrap Service.
    let mut text =
        "apiVersion: kafka.strimzi.io/v1beta2\nkind: Kafka\nmetadata:\n  name: events\n---\n"
            .to_string();
    text += &deploy(
        "api",
        "example.com/api:1",
        "        args: [\"--brokers=events-kafka-bootstrap:9092\"]\n",
    );
    text += &deploy(
        "worker",
        "example.com/worker:1",
        "        env:\n        - {name: KAFKA, value: events-kafka-bootstrap.kafka.svc:9092}\n",
    );
    text += &deploy("admin", "example.com/admin:1", "");
    let d = archsel_detect::detect(&[input("-", &text)], &catalog);
    let net = dim_notes(&d.dimensions.network);
    assert!(listed(&net, "api") && listed(&net, "worker"), "{net:?}");
    assert!(!listed(&net, "admin"), "{net:?}");
}

/// Serverless: HTTP functions beside a queue are not triggered through it
/// (serverless/examples `aws-dotnet-rest-api-with-dynamodb`, MIT, was
/// listed as "triggered through a broker"); a function with an `sqs`
/// event is.
#[test]
fn only_queue_triggered_functions_use_the_broker() {
    let catalog = common::core_catalog();
    // the functions listed as triggered through a broker
    let users = |file: &str, text: &str| -> Vec<String> {
        let d = archsel_detect::detect(&[input(file, text)], &catalog);
        dim_notes(&d.dimensions.network)
            .into_iter()
            .filter(|n| n.contains("broker or queue"))
            .collect()
    };
    let sls = |event: &str| {
        format!(
            "service: s\nprovider:\n  name: aws\nfunctions:\n  create:\n    handler: h.create\n    events:\n      - http: {{path: items, method: post}}\n  list:\n    handler: h.list\n    events:\n      - {event}\nresources:\n  Resources:\n    Jobs:\n      Type: AWS::SQS::Queue\n"
        )
    };
    let u = users("serverless.yml", &sls("http: {path: items, method: get}"));
    assert!(u.is_empty(), "{u:?}");
    let u = users(
        "serverless.yml",
        &sls("sqs: {arn: {Fn::GetAtt: [Jobs, Arn]}}"),
    );
    assert_eq!(u.len(), 1, "{u:?}");
    assert!(u[0].contains("`list`"), "{u:?}");

    // Terraform: an event source mapping triggers a function from the queue.
    let tf = "resource \"aws_sqs_queue\" \"q\" {}\nresource \"aws_lambda_function\" \"a\" {}\nresource \"aws_lambda_function\" \"b\" {}\nresource \"aws_lambda_event_source_mapping\" \"b_from_q\" {\n  event_source_arn = aws_sqs_queue.q.arn\n  function_name = aws_lambda_function.b.arn\n}\n";
    let u = users("main.tf", tf);
    assert_eq!(u.len(), 1, "{u:?}");
    assert!(u[0].contains("b_from_q"), "{u:?}");
}

/// A service built from source is the application, whatever port it
/// exposes. docker/awesome-compose `react-java-mysql/compose.yaml`
/// (@ 18f59bd, CC0-1.0; README: "three services `frontend`, `backend` and
/// `db`", React → Spring → MariaDB on two networks) has a `build:`
/// frontend with `expose: [3306, 33060]`: it is not a MySQL database, and
/// the app is three tiers. Copied without comments, healthcheck and volumes.
#[test]
fn a_built_service_is_not_a_database_because_of_a_port() {
    let compose = "services:\n  backend:\n    build: backend\n    environment:\n      MYSQL_HOST: db\n    networks:\n      - react-spring\n      - spring-mysql\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    image: mariadb:10.6.4-focal\n    environment:\n      - MYSQL_DATABASE=example\n    networks:\n      - spring-mysql\n  frontend:\n    build:\n      context: frontend\n      target: development\n    ports:\n      - 3000:3000\n    networks:\n      - react-spring\n    depends_on:\n      - backend\n    expose:\n      - 3306\n      - 33060\nnetworks:\n  react-spring: {}\n  spring-mysql: {}\n";
    let d = archsel_detect::detect(&[input("compose.yaml", compose)], &common::core_catalog());
    let dbs: Vec<&str> = d
        .components
        .iter()
        .filter(|c| c.kind == "database")
        .map(|c| c.unit.as_str())
        .collect();
    assert_eq!(dbs, ["db"]);
    assert_eq!(dims(&d)[1], "modular", "{:?}", d.dimensions.granularity);
    assert_eq!(dims(&d)[2], "layered", "{:?}", d.dimensions.network);
    assert_eq!(top(&d), "multi-tier", "{:?}", d.patterns);
    // the same for an image set by a variable that names no database
    let compose = compose.replace(
        "    build: backend\n",
        "    image: ${REGISTRY}/backend:1\n    expose: [5432]\n",
    );
    let d = archsel_detect::detect(&[input("compose.yaml", &compose)], &common::core_catalog());
    assert!(
        d.components.iter().all(|c| c.unit == "db"),
        "{:?}",
        d.components
    );
}

/// Data services and monitoring are components, not application units.
/// docker/awesome-compose `aspnet-mssql/compose.yaml` (@ 18f59bd, CC0-1.0;
/// README: an ASP.NET app and "a SQL Server database") runs SQL Server as
/// `mcr.microsoft.com/azure-sql-edge`: one application beside its database
/// on one network, a monolith. Sock Shop's `catalogue-db`
/// (microservices-demo @ 9dff06f, Apache-2.0) is MySQL packaged with its
/// data (`weaveworksdemos/catalogue-db`, configured by
/// `MYSQL_ROOT_PASSWORD`); its `deploy/kubernetes/autoscaling` runs
/// Heapster, InfluxDB and Grafana (`heapster-*-amd64` images) to monitor
/// the cluster.
#[test]
fn databases_and_monitoring_are_not_application_units() {
    let catalog = common::core_catalog();
    let app_units = |d: &Detection| -> Vec<String> {
        let g = &d.dimensions.granularity;
        g.evidence
            .iter()
            .chain(g.elsewhere.iter().flat_map(|a| &a.evidence))
            .filter(|e| e.note.contains("application unit"))
            .map(|e| e.note.clone())
            .collect()
    };
    let aspnet = "services:\n  web:\n    build: app/aspnetapp\n    ports:\n      - 80:80\n  db:\n    environment:\n      ACCEPT_EULA: \"Y\"\n      SA_PASSWORD: example_123\n    image: mcr.microsoft.com/azure-sql-edge:1.0.4\n    restart: always\n";
    let is = |d: &Detection, unit: &str, id: &str| {
        let found = d.components.iter().any(|c| c.unit == unit && c.id == id);
        assert!(found, "{unit} is not {id}: {:?}", d.components);
    };
    let d = archsel_detect::detect(&[input("compose.yaml", aspnet)], &catalog);
    is(&d, "db", "sqlserver");
    assert_eq!(dims(&d)[1], "single", "{:?}", app_units(&d));
    assert_eq!(top(&d), "monolith", "{:?}", d.patterns);

    let sock = "services:\n  catalogue:\n    image: weaveworksdemos/catalogue:0.3.5\n  catalogue-db:\n    image: weaveworksdemos/catalogue-db:0.3.0\n    environment:\n      - MYSQL_ROOT_PASSWORD=${MYSQL_ROOT_PASSWORD}\n      - MYSQL_ALLOW_EMPTY_PASSWORD=true\n      - MYSQL_DATABASE=socksdb\n";
    let d = archsel_detect::detect(&[input("docker-compose.yml", sock)], &catalog);
    is(&d, "catalogue-db", "mysql");
    assert!(
        !app_units(&d).iter().any(|n| n.contains("catalogue-db")),
        "{:?}",
        app_units(&d)
    );

    let deploy = |name: &str, image: &str| {
        format!(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {name}\nspec:\n  template:\n    spec:\n      containers:\n      - name: {name}\n        image: {image}\n---\n"
        )
    };
    let monitoring = [
        (
            "monitoring-grafana",
            "gcr.io/google_containers/heapster-grafana-amd64:v4.0.2",
        ),
        ("heapster", "gcr.io/google_containers/heapster-amd64:v1.4.0"),
        (
            "monitoring-influxdb",
            "gcr.io/google_containers/heapster-influxdb-amd64:v1.1.1",
        ),
        ("prometheus", "prom/prometheus:v2.26.0"),
        ("influxdb", "influxdb:2.7"),
        ("front-end", "weaveworksdemos/front-end:0.3.12"),
    ];
    let text: String = monitoring.iter().map(|(n, i)| deploy(n, i)).collect();
    let d = archsel_detect::detect(&[input("-", &text)], &catalog);
    let units = app_units(&d);
    assert!(units.iter().all(|n| n.contains("front-end")), "{units:?}");
    assert_eq!(dims(&d)[1], "single", "{units:?}");
}

/// One Compose service with nothing beside it is a monolith, not
/// externalized infrastructure: nothing is externalized, and one service
/// on one network is flat. docker/awesome-compose `angular/compose.yaml`
/// (@ 18f59bd, CC0-1.0; README: "an Angular application" alone), as is.
#[test]
fn a_single_service_is_a_monolith() {
    let angular = "services:\n  web:\n    build:\n      context: angular\n      target: builder\n    ports:\n      - 4200:4200\n    volumes:\n      - ./angular:/project\n      - /project/node_modules\n";
    let d = archsel_detect::detect(&[input("compose.yaml", angular)], &common::core_catalog());
    assert_eq!(dims(&d)[1], "single");
    assert_eq!(dims(&d)[2], "flat", "{:?}", d.dimensions.network);
    assert_eq!(top(&d), "monolith", "{:?}", d.patterns);
    assert!(
        d.patterns[0].similarity > d.patterns[1].similarity,
        "{:?}",
        d.patterns
    );
}

/// Versions and alternative forms of one service are one unit.
/// istio/istio `samples/helloworld/helloworld.yaml` (@ 86c9f01, Apache-2.0;
/// README: "two versions of a helloworld microservice" behind one Service
/// for canary routing) is one service, not two tiers: Deployments
/// `helloworld-v1`/`-v2` with `app: helloworld` and `version: v1`/`v2`.
/// kubernetes/examples `web/guestbook` (@ 279e8e4, Apache-2.0) keeps the
/// `frontend` Deployment and, in `legacy/`, the ReplicationController of
/// the same name it replaced: one frontend.
#[test]
fn versions_and_legacy_forms_of_a_service_are_one_unit() {
    let catalog = common::core_catalog();
    let version = |v: &str| {
        format!(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: helloworld-{v}\n  labels:\n    app: helloworld\n    version: {v}\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: helloworld\n      version: {v}\n  template:\n    metadata:\n      labels:\n        app: helloworld\n        version: {v}\n    spec:\n      containers:\n      - name: helloworld\n        image: registry.istio.io/release/examples-helloworld-{v}:1.0\n        ports:\n        - containerPort: 5000\n"
        )
    };
    let service = "apiVersion: v1\nkind: Service\nmetadata:\n  name: helloworld\n  labels:\n    app: helloworld\n    service: helloworld\nspec:\n  ports:\n  - port: 5000\n    name: http\n  selector:\n    app: helloworld\n";
    let text = format!("{service}---\n{}---\n{}", version("v1"), version("v2"));
    let d = archsel_detect::detect(&[input("helloworld.yaml", &text)], &catalog);
    assert_eq!(dims(&d)[1], "single", "{:?}", d.dimensions.granularity);

    let frontend = |kind: &str, api: &str| {
        format!(
            "apiVersion: {api}\nkind: {kind}\nmetadata:\n  name: frontend\nspec:\n  replicas: 3\n  template:\n    metadata:\n      labels:\n        app: guestbook\n        tier: frontend\n    spec:\n      containers:\n      - name: php-redis\n        image: gcr.io/google_samples/gb-frontend:v5\n"
        )
    };
    let d = archsel_detect::detect(
        &[
            input(
                "frontend-deployment.yaml",
                &frontend("Deployment", "apps/v1"),
            ),
            input(
                "legacy/frontend-controller.yaml",
                &frontend("ReplicationController", "v1"),
            ),
        ],
        &catalog,
    );
    assert_eq!(dims(&d)[1], "single", "{:?}", d.dimensions.granularity);
}

/// `istio-injection=enabled` on a Namespace injects the proxy into the
/// pods of that namespace only (Istio docs, "Installing the sidecar":
/// "the injector is enabled for a namespace"): a labelled `other` beside
/// workloads in `shop` is no mesh. Audit repros `nsother` / `nsinject`.
#[test]
fn namespace_injection_applies_to_its_own_workloads() {
    let catalog = common::core_catalog();
    let text = |labelled: &str, workloads_ns: &str| {
        let ns = format!(
            "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {labelled}\n  labels:\n    istio-injection: enabled\n---\n"
        );
        let deploy = |name: &str| {
            format!(
                "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {name}\n{workloads_ns}spec:\n  template:\n    spec:\n      containers:\n      - name: {name}\n        image: example.com/acme/{name}:1.0\n---\n"
            )
        };
        ns + &["cart", "orders", "web", "api"].map(deploy).concat()
    };
    let injected = |t: &str| {
        let d = archsel_detect::detect(&[input("all.yaml", t)], &catalog);
        dims(&d)[2] == "mesh"
    };
    assert!(!injected(&text("other", "  namespace: shop\n")));
    assert!(injected(&text("shop", "  namespace: shop\n")));
    // no namespace given: applied to the one Namespace declared
    assert!(injected(&text("shop", "")));
    let d = archsel_detect::detect(
        &[input("all.yaml", &text("other", "  namespace: shop\n"))],
        &catalog,
    );
    assert!(
        d.ignored
            .iter()
            .any(|i| i.what.contains("Namespace `other`")),
        "{:?}",
        d.ignored
    );
}

/// Kafka run as a Kubernetes Deployment is a broker as it is in Compose.
/// The OpenTelemetry demo's Helm output (open-telemetry/
/// opentelemetry-helm-charts `charts/opentelemetry-demo/examples/default/
/// rendered` @ dd5665c, Apache-2.0) deploys `kafka` from
/// `ghcr.io/open-telemetry/demo:3.0.0-kafka` with `KAFKA_LISTENERS` and
/// friends; `checkout` only reaches it (`KAFKA_ADDR`). Shortened.
#[test]
fn kafka_in_a_deployment_is_a_broker() {
    let catalog = common::core_catalog();
    let deploy = |name: &str, image: &str, env: &[(&str, &str)]| {
        let env: String = env
            .iter()
            .map(|(k, v)| format!("            - name: {k}\n              value: \"{v}\"\n"))
            .collect();
        format!(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {name}\nspec:\n  template:\n    spec:\n      containers:\n        - name: {name}\n          image: '{image}'\n          env:\n{env}---\n"
        )
    };
    let brokers = |text: &str| -> Vec<String> {
        let d = archsel_detect::detect(&[input("-", text)], &catalog);
        let b = d.components.iter().filter(|c| c.kind == "broker");
        b.map(|c| c.unit.clone()).collect()
    };
    let checkout = deploy(
        "checkout",
        "ghcr.io/open-telemetry/demo:3.0.0-checkout",
        &[("KAFKA_ADDR", "kafka:9092")],
    );
    let server_env = [
        ("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://kafka:9092"),
        ("KAFKA_LISTENERS", "PLAINTEXT://:9092,CONTROLLER://:9093"),
    ];
    let helm = deploy(
        "kafka",
        "ghcr.io/open-telemetry/demo:3.0.0-kafka",
        &server_env,
    );
    assert_eq!(brokers(&format!("{helm}{checkout}")), ["kafka"]);
    // the image's tag and the name alone, or the server's environment alone
    let tag_only = deploy("kafka", "ghcr.io/open-telemetry/demo:3.0.0-kafka", &[]);
    assert_eq!(brokers(&tag_only), ["kafka"]);
    let env_only = deploy("events", "example.com/acme/streams:1.0", &server_env);
    assert_eq!(brokers(&env_only), ["events"]);
}

/// Files that only share an extension with deployment files are ignored,
/// not problems; an error in a deployment file still is one. From the
/// audit: docker/awesome-compose `angular/angular/tsconfig.app.json`
/// (CC0-1.0, JSON with a comment), istio/istio
/// `samples/bookinfo/src/mongodb/ratings_data.json` (Apache-2.0, a
/// mongoimport file), open-telemetry/opentelemetry-demo
/// `src/telemetry-docs/nginx.conf.template` (Apache-2.0, nginx) and istio
/// `tests/integration/pilot/testdata/external-forward-proxy-deployment.yaml`
/// (a Go template: `{{ if not .OpenShift }}`), each cut to its first lines.
#[test]
fn non_deployment_files_are_ignored_and_broken_deployment_files_are_problems() {
    let noise = [
        input(
            "angular/tsconfig.app.json",
            "/* To learn more about this file see: https://angular.io/config/tsconfig. */\n{\n  \"extends\": \"./tsconfig.json\",\n  \"compilerOptions\": {\n    \"outDir\": \"./out-tsc/app\"\n  }\n}\n",
        ),
        input("mongodb/ratings_data.json", "{rating: 5}\n{rating: 4}\n"),
        input(
            "telemetry-docs/nginx.conf.template",
            "load_module modules/ngx_otel_module.so;\n\npid /tmp/nginx.pid;\n\nevents {\n    worker_connections 1024;\n}\n",
        ),
        input(
            "testdata/external-forward-proxy-deployment.yaml",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: external-forward-proxy\nspec:\n  template:\n    spec:\n      {{ if not .OpenShift }}\n      securityContext:\n        runAsUser: 65534\n      {{ end }}\n      containers:\n      - name: external-forward-proxy\n        image: envoyproxy/envoy:v1.21.0\n",
        ),
    ];
    let broken = [
        input(
            "compose.yaml",
            "services:\n  web:\n    image: nginx\n   ports: [80]\n",
        ),
        input(
            "k8s/api.yaml",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n spec: {}\n",
        ),
        input(
            "k8s/api.json",
            "{\"apiVersion\": \"v1\", \"kind\": \"Service\", \"metadata\": {\"name\": \"api\"},}\n}\n",
        ),
    ];
    let files: Vec<_> = noise.iter().chain(&broken).cloned().collect();
    let d = archsel_detect::detect(&files, &common::core_catalog());
    for f in &noise {
        assert!(
            !d.problems.iter().any(|p| p.file == f.path),
            "{}: {:?}",
            f.path,
            d.problems
        );
        assert!(
            d.ignored.iter().any(|i| i.file == f.path),
            "{}: {:?}",
            f.path,
            d.ignored
        );
    }
    for f in &broken {
        assert!(
            d.problems.iter().any(|p| p.file == f.path),
            "{}: {:?}",
            f.path,
            d.problems
        );
    }
}

/// A merged Compose service is cited where it is defined. Modelled on
/// microservices-demo/microservices-demo `deploy/docker-compose` (@ master,
/// Apache-2.0), reduced as in the audit's `edge/override`: the base
/// `docker-compose.yml` defines the services; `docker-compose.logging.yml`
/// only adds `logging:` to them (a stub) and one service of its own. The
/// layer sorts before the base by name, so it is read first.
const BASE: &str = "services:\n  web:\n    image: example.com/acme/web:1.0\n  api:\n    image: example.com/acme/api:1.0\n  worker:\n    image: example.com/acme/worker:1.0\n  db:\n    image: postgres:16\n  mq:\n    image: rabbitmq:3\n";
const LOGGING: &str = "services:\n  web:\n    logging:\n      driver: fluentd\n  api:\n    logging:\n      driver: fluentd\n  worker:\n    logging:\n      driver: fluentd\n  db:\n    logging:\n      driver: fluentd\n  mq:\n    logging:\n      driver: fluentd\n  kibana:\n    image: kibana\n";

#[test]
fn merged_compose_services_are_cited_where_they_are_defined() {
    let d = archsel_detect::detect(
        &[
            input("d/docker-compose.logging.yml", LOGGING),
            input("d/docker-compose.yml", BASE),
        ],
        &common::core_catalog(),
    );
    let at = |unit: &str| {
        let c = d.components.iter().find(|c| c.unit == unit).unwrap();
        (c.evidence.file.as_str(), c.evidence.line)
    };
    // `image: rabbitmq:3` is line 11 of the base; the layer has 18 lines
    // and its line 11 is `db:`.
    assert_eq!(at("mq"), ("d/docker-compose.yml", 11));
    assert_eq!(at("db"), ("d/docker-compose.yml", 9));
    // kibana is defined in the layer only
    assert_eq!(at("kibana"), ("d/docker-compose.logging.yml", 18));
    // `web:` is defined on line 2 of the base, not at the layer's stub
    let web = d
        .dimensions
        .granularity
        .evidence
        .iter()
        .find(|e| e.note.contains("service `web`"))
        .unwrap();
    assert_eq!((web.file.as_str(), web.line), ("d/docker-compose.yml", 2));
}

/// Compose reads `docker-compose.yml` (and its `.override.yml`) by
/// default; another Compose file beside it is a layer merged only with
/// `-f` (microservices-demo's README runs `docker-compose -f
/// docker-compose.yml up`; opentelemetry-demo's Makefile adds
/// `compose.observability.yaml`, `compose.tests.yaml`, ... with `-f`). In a
/// directory the layer is listed, not merged; named, it is merged.
#[test]
fn optional_compose_layers_are_merged_only_when_named() {
    let dir = tempdir().join("layers");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("docker-compose.yml"), BASE).unwrap();
    std::fs::write(dir.join("docker-compose.logging.yml"), LOGGING).unwrap();
    std::fs::write(
        dir.join("docker-compose.override.yml"),
        "services:\n  web:\n    ports: ['80:80']\n",
    )
    .unwrap();
    let catalog = common::core_catalog();
    let d = collect(std::slice::from_ref(&dir))
        .unwrap()
        .detect(&catalog);
    assert!(d.components.iter().all(|c| c.unit != "kibana"));
    let layer = d
        .ignored
        .iter()
        .find(|i| i.file.ends_with("docker-compose.logging.yml"))
        .expect("the layer is listed as ignored");
    assert!(
        layer
            .reason
            .contains("-f docker-compose.yml -f docker-compose.logging.yml")
    );
    // the automatic override is read
    assert!(
        d.sources
            .iter()
            .any(|s| s.file.ends_with("docker-compose.override.yml"))
    );
    let named = [
        dir.join("docker-compose.yml"),
        dir.join("docker-compose.logging.yml"),
    ];
    let d = collect(&named).unwrap().detect(&catalog);
    assert!(d.components.iter().any(|c| c.unit == "kibana"));
}

/// A sidecar is a second container in an application's pod (or a native
/// sidecar: an init container with `restartPolicy: Always`, Kubernetes
/// docs "Sidecar Containers"), and the component is that container.
/// A shipper alone is observability: the OpenTelemetry demo chart's
/// `otel-collector-agent` DaemonSet (open-telemetry/opentelemetry-helm-charts,
/// Apache-2.0) is a node agent; stefanprodan/podinfo `otel/docker-compose.yaml`
/// (Apache-2.0) runs the collector `otel` as its own service. The demo's
/// `compose.agent.yaml` (open-telemetry/opentelemetry-demo, Apache-2.0:
/// "adds the LLM-powered Agent") builds a service `agent`, no shipper.
/// Grafana's chart lists its `k8s-sidecar` helpers before `grafana`.
#[test]
fn sidecars_are_second_containers_beside_an_application() {
    let catalog = common::core_catalog();
    let sidecars = |d: &Detection| -> Vec<String> {
        d.components
            .iter()
            .filter(|c| c.kind == "sidecar")
            .map(|c| c.unit.clone())
            .collect()
    };
    let native = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec:\n  template:\n    metadata: {labels: {app: api}}\n    spec:\n      initContainers:\n      - name: log-shipper\n        image: fluent/fluent-bit:3.0\n        restartPolicy: Always\n      containers:\n      - name: api\n        image: example.com/acme/api:1.0\n";
    let d = archsel_detect::detect(&[input("d.yaml", native)], &catalog);
    assert_eq!(sidecars(&d), ["log-shipper"]);
    let c = &d.components[0];
    assert_eq!(c.evidence.line, 10, "the shipper's image line");

    let agent = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: otel-collector-agent}\nspec:\n  template:\n    spec:\n      containers:\n      - name: opentelemetry-collector\n        image: otel/opentelemetry-collector-contrib:0.120.0\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: grafana}\nspec:\n  template:\n    spec:\n      containers:\n      - name: grafana-sc-dashboard\n        image: quay.io/kiwigrid/k8s-sidecar:2.8.1\n      - name: grafana\n        image: docker.io/grafana/grafana:12.0.0\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: cart}\nspec:\n  template:\n    spec:\n      containers:\n      - name: cart\n        image: example.com/cart:1\n";
    let d = archsel_detect::detect(&[input("-", agent)], &catalog);
    assert!(sidecars(&d).is_empty(), "{:?}", d.components);
    assert!(
        d.components
            .iter()
            .any(|c| c.unit == "otel-collector-agent" && c.kind == "observability")
    );
    assert_eq!(dims(&d)[1], "single", "{:?}", d.dimensions.granularity);

    let compose = "services:\n  frontend:\n    build: ..\n    environment:\n      - OTEL_EXPORTER_OTLP_ENDPOINT=http://otel:4317\n  otel:\n    image: otel/opentelemetry-collector-contrib:0.116.1\n  agent:\n    image: ${IMAGE_NAME}:${DEMO_VERSION}-agent\n    build:\n      context: ./\n";
    let d = archsel_detect::detect(&[input("docker-compose.yaml", compose)], &catalog);
    assert!(sidecars(&d).is_empty(), "{:?}", d.components);
    assert!(d.components.iter().all(|c| c.unit != "agent"));
}

/// A Helm chart's templates and a kustomize overlay whose resources are
/// elsewhere say nothing until rendered: "nothing to classify" (exit 2 in
/// the CLI, DESIGN.md §5) with the command that renders them, and no
/// ranking (every pattern would tie). Modelled on stefanprodan/podinfo
/// (Apache-2.0): `charts/podinfo` (Chart.yaml, values.yaml, templates/) and
/// `deploy/overlays/dev/kustomization.yaml` (`resources: ../../bases/backend`,
/// ..., `namespace.yaml`).
#[test]
fn charts_and_overlays_are_not_classified_but_rendered() {
    let catalog = common::core_catalog();
    let chart = [
        input(
            "charts/podinfo/Chart.yaml",
            "apiVersion: v1\nname: podinfo\nversion: 6.0.0\n",
        ),
        input("charts/podinfo/values.yaml", "replicaCount: 1\n"),
        input(
            "charts/podinfo/templates/deployment.yaml",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ template \"podinfo.fullname\" . }}\nspec:\n  replicas: {{ .Values.replicaCount }}\n  {{- if .Values.x }}\n  x: 1\n  {{- end }}\n",
        ),
    ];
    let d = archsel_detect::detect(&chart, &catalog);
    assert!(d.patterns.is_empty(), "{:?}", d.patterns);
    match d.check_found("charts/podinfo") {
        Err(archsel_detect::Error::NothingToClassify { render, .. }) => {
            assert_eq!(render, ["helm template charts/podinfo | archsel detect -"]);
        }
        other => panic!("{other:?}"),
    }

    let overlay = [
        input(
            "deploy/overlays/dev/kustomization.yaml",
            "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: dev\nresources:\n  - ../../bases/backend\n  - namespace.yaml\n",
        ),
        input(
            "deploy/overlays/dev/namespace.yaml",
            "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: dev\n",
        ),
    ];
    let d = archsel_detect::detect(&overlay, &catalog);
    assert!(d.patterns.is_empty(), "{:?}", d.patterns);
    ignored_entry(&d, "kustomize resources `../../bases/backend`");
    assert!(d.ignored.iter().all(|i| !i.what.contains("namespace.yaml")));
    match d.check_found("deploy/overlays/dev") {
        Err(archsel_detect::Error::NothingToClassify { render, .. }) => {
            assert_eq!(
                render,
                ["kubectl kustomize deploy/overlays/dev | archsel detect -"]
            );
        }
        other => panic!("{other:?}"),
    }
}

/// A pattern whose defining markers are all absent ranks after every
/// pattern the evidence does not contradict (rules.yaml `patterns:`).
/// microservices-demo/microservices-demo `deploy/kubernetes/manifests`
/// (Apache-2.0) are plain Deployments and Services: no Istio or Linkerd
/// proxy, injection label or ambient enrolment, so no service mesh
/// (its README deploys them with `kubectl apply` alone).
#[test]
fn a_pattern_without_its_markers_ranks_after_the_uncontradicted() {
    let catalog = common::core_catalog();
    let template = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: NAME}\nspec:\n  template:\n    spec:\n      containers:\n      - name: NAME\n        image: weaveworksdemos/NAME:0.4.8\n---\n";
    let plain: String = ["front-end", "carts", "orders", "payment", "user"]
        .iter()
        .map(|n| template.replace("NAME", n))
        .collect();
    let d = archsel_detect::detect(&[input("complete-demo.yaml", &plain)], &catalog);
    assert_eq!(top(&d), "container-orchestration", "{:?}", d.patterns);
    let first_absent = d.patterns.iter().position(|p| p.markers_absent).unwrap();
    assert!(d.patterns[first_absent..].iter().all(|p| p.markers_absent));
    let mesh = d
        .patterns
        .iter()
        .position(|p| p.id == "service-mesh")
        .unwrap();
    assert!(mesh >= first_absent);
    // with the injection label, the mesh is back among the others
    let injected = plain.replace("    spec:\n      containers", "    metadata:\n      labels: {sidecar.istio.io/inject: \"true\"}\n    spec:\n      containers");
    let d = archsel_detect::detect(&[input("complete-demo.yaml", &injected)], &catalog);
    let mesh = d.patterns.iter().find(|p| p.id == "service-mesh").unwrap();
    assert!(!mesh.markers_absent);
    assert_eq!(dims(&d)[2], "mesh");
}

/// Many files are parsed on several threads and read as they come, in the
/// order Compose merges them: with thirty unrelated Kubernetes files around
/// them, the merged Compose services are cited as when the two files are
/// alone, and the whole result is the same on every run.
#[test]
fn many_files_are_read_in_merge_order_and_the_result_is_stable() {
    let mut inputs = vec![input("d/docker-compose.logging.yml", LOGGING)];
    inputs.extend((0..30).map(|n| {
        let text = format!(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: svc-{n}\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        image: example.com/acme/svc-{n}:1\n"
        );
        input(&format!("k/svc-{n:02}.yaml"), &text)
    }));
    inputs.push(input("d/docker-compose.yml", BASE));
    let catalog = common::core_catalog();
    let d = archsel_detect::detect(&inputs, &catalog);
    let mq = d.components.iter().find(|c| c.unit == "mq").unwrap();
    assert_eq!(
        (mq.evidence.file.as_str(), mq.evidence.line),
        ("d/docker-compose.yml", 11)
    );
    let first = serde_json::to_string(&d).unwrap();
    for _ in 0..5 {
        let again = archsel_detect::detect(&inputs, &catalog);
        assert_eq!(serde_json::to_string(&again).unwrap(), first);
    }
}

/// An event on a resource of the same template is that resource, not a
/// second queue or stream: aws-samples/serverless-patterns
/// `lambda-esm-kinesis-filters-sam` (MIT-0) has one Kinesis stream and
/// eight events `Stream: !GetAtt DataStream.Arn` on it, which made nine
/// streams. The HTTP events of one serverless.yml share the one API the
/// framework makes (serverless/examples `aws-node-rest-api-with-dynamodb`,
/// MIT: five functions, one API).
#[test]
fn events_on_a_templates_own_resources_count_them_once() {
    let sam = "Transform: AWS::Serverless-2016-10-31\nResources:\n  DataStream:\n    Type: AWS::Kinesis::Stream\n  Filter:\n    Type: AWS::Serverless::Function\n    Properties:\n      Events:\n        One:\n          Type: Kinesis\n          Properties:\n            Stream: !GetAtt DataStream.Arn\n        Two:\n          Type: Kinesis\n          Properties:\n            Stream:\n              Fn::GetAtt: [DataStream, Arn]\n";
    let d = archsel_detect::detect(&[input("template.yaml", sam)], &common::core_catalog());
    let of = |d: &Detection, kind: &str| d.components.iter().filter(|c| c.kind == kind).count();
    assert_eq!(of(&d, "broker"), 1, "{:?}", d.components);
    let sls = "service: todos\nprovider:\n  name: aws\nfunctions:\n  create:\n    events:\n      - http: {path: todos, method: post}\n  list:\n    events:\n      - http: {path: todos, method: get}\n  work:\n    events:\n      - sqs:\n          arn:\n            Fn::GetAtt: [Jobs, Arn]\nresources:\n  Resources:\n    Jobs:\n      Type: AWS::SQS::Queue\n";
    let d = archsel_detect::detect(&[input("serverless.yml", sls)], &common::core_catalog());
    assert_eq!(of(&d, "gateway"), 1, "{:?}", d.components);
    assert_eq!(of(&d, "broker"), 1, "{:?}", d.components);
}

/// Kubernetes audit events kept as Lambda test payloads
/// (aws-samples/serverless-patterns `lambda-esm-kinesis-filters-sam`,
/// MIT-0, `events/*.json`) are not Kubernetes manifests: listed as ignored,
/// and only the SAM template decides.
#[test]
fn kubernetes_api_payloads_are_not_manifests() {
    let sam = "Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n";
    let event =
        r#"{"kind": "Event", "apiVersion": "audit.k8s.io/v1", "level": "Metadata", "verb": "get"}"#;
    let d = archsel_detect::detect(
        &[
            input("events/base.json", event),
            input("template.yaml", sam),
        ],
        &common::core_catalog(),
    );
    assert_eq!(d.deciding, ["cloudformation"], "{:?}", d.sources);
    assert!(
        d.sources.iter().all(|s| s.file == "template.yaml"),
        "{:?}",
        d.sources
    );
    assert!(
        d.ignored.iter().any(|i| i.file == "events/base.json"),
        "{:?}",
        d.ignored
    );
}

/// A provider's region given as `var.region` or `local.region` counts with
/// the literal value the module gives it, in any of its files (the
/// terraform-aws-modules examples keep `region` in `locals`, variables in
/// `variables.tf`); a variable without a default is reported, not counted.
#[test]
fn terraform_regions_from_variables_and_locals() {
    let main = "provider \"aws\" {\n  region = var.region\n}\nprovider \"aws\" {\n  alias  = \"east\"\n  region = local.east\n}\nresource \"aws_sqs_queue\" \"a\" {}\n";
    let vars = "variable \"region\" {\n  default = \"us-west-2\"\n}\n";
    let locals = "locals {\n  east = \"us-east-1\"\n}\n";
    let d = archsel_detect::detect(
        &[
            input("m/main.tf", main),
            input("m/variables.tf", vars),
            input("m/locals.tf", locals),
        ],
        &common::core_catalog(),
    );
    let notes: Vec<&str> = d
        .dimensions
        .network
        .evidence
        .iter()
        .map(|e| e.note.as_str())
        .collect();
    assert!(
        notes.iter().any(|n| n.contains("`us-west-2` (var.region)")),
        "{notes:?}"
    );
    assert!(
        notes.iter().any(|n| n.contains("`us-east-1` (local.east)")),
        "{notes:?}"
    );
    assert_eq!(dims(&d)[2], "geo-distributed");
    // a variable in another module's directory, or without a default
    let d = archsel_detect::detect(
        &[input("m/main.tf", main), input("other/variables.tf", vars)],
        &common::core_catalog(),
    );
    assert_ne!(dims(&d)[2], "geo-distributed");
    assert!(
        d.ignored.iter().any(|i| i.reason.contains("`var.region`")),
        "{:?}",
        d.ignored
    );
}
