//! Benchmark: 1,000 generated Kubernetes manifests (~4 MB), collected and
//! classified; prints the best of several runs. `benches/run.sh` times the
//! archsel binary beside PyYAML's C loader on the same files, at two sizes. Run:
//! `cargo bench --bench detect -- DIR [--count N] [--generate-only]` (DIR
//! receives the manifests; `--generate-only` writes them for benches/run.sh).

use std::fmt::Write;
use std::time::Instant;

fn manifest(i: usize) -> String {
    let mut s = String::new();
    let name = format!("svc-{i:04}");
    let _ = write!(
        s,
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: {name}\n  labels:\n    app: {name}\n    tier: backend\nspec:\n  type: ClusterIP\n  selector:\n    app: {name}\n  ports:\n  - name: http\n    port: 80\n    targetPort: 8080\n---\n"
    );
    let _ = write!(
        s,
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {name}\n  namespace: shop\n  labels:\n    app: {name}\n    app.kubernetes.io/part-of: shop\n    app.kubernetes.io/version: \"1.{i}.0\"\n  annotations:\n    deployment.kubernetes.io/revision: \"3\"\n    description: \"Service number {i} of the generated benchmark system, with a longer description to look like real annotations.\"\nspec:\n  replicas: 3\n  revisionHistoryLimit: 5\n  selector:\n    matchLabels:\n      app: {name}\n  strategy:\n    type: RollingUpdate\n    rollingUpdate: {{maxSurge: 1, maxUnavailable: 0}}\n  template:\n    metadata:\n      labels:\n        app: {name}\n        version: v1\n      annotations:\n        prometheus.io/scrape: \"true\"\n        prometheus.io/port: \"9090\"\n    spec:\n      serviceAccountName: {name}\n      securityContext:\n        runAsNonRoot: true\n        fsGroup: 1000\n      containers:\n      - name: server\n        image: registry.example.com/shop/{name}:v1.{i}.0\n        imagePullPolicy: IfNotPresent\n        ports:\n        - name: http\n          containerPort: 8080\n        - name: metrics\n          containerPort: 9090\n        env:\n"
    );
    for e in 0..24 {
        let _ = write!(
            s,
            "        - name: SETTING_{e}\n          value: \"value-{e}-for-{name}-with-some-padding-text\"\n"
        );
    }
    let _ = write!(
        s,
        "        - name: DB_PASSWORD\n          valueFrom:\n            secretKeyRef: {{name: {name}-db, key: password}}\n        resources:\n          requests: {{cpu: 100m, memory: 128Mi}}\n          limits: {{cpu: 500m, memory: 512Mi}}\n        readinessProbe:\n          httpGet: {{path: /healthz, port: 8080}}\n          initialDelaySeconds: 5\n          periodSeconds: 10\n        livenessProbe:\n          httpGet: {{path: /healthz, port: 8080}}\n          initialDelaySeconds: 15\n        volumeMounts:\n        - name: config\n          mountPath: /etc/{name}\n          readOnly: true\n      volumes:\n      - name: config\n        configMap:\n          name: {name}-config\n"
    );
    s
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let count = args
        .iter()
        .position(|a| a == "--count")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(1000);
    let generate_only = args.iter().any(|a| a == "--generate-only");
    let dir = args
        .iter()
        .enumerate()
        .find(|(i, a)| !a.starts_with('-') && (*i == 0 || args[i - 1] != "--count"))
        .map(|(_, a)| std::path::PathBuf::from(a))
        .unwrap_or_else(|| std::env::temp_dir().join("archsel-detect-bench"));
    std::fs::create_dir_all(&dir).unwrap();
    let mut total = 0;
    for i in 0..count {
        let m = manifest(i);
        total += m.len();
        std::fs::write(dir.join(format!("m{i:05}.yaml")), m).unwrap();
    }
    eprintln!(
        "{count} files, {:.2} MB in {}",
        total as f64 / 1e6,
        dir.display()
    );
    if generate_only {
        return;
    }
    let mut best = f64::MAX;
    let mut best_detect = f64::MAX;
    for _ in 0..7 {
        let t = Instant::now();
        let c = archsel_detect::collect(std::slice::from_ref(&dir)).unwrap();
        let t2 = Instant::now();
        let d = archsel_detect::detect(&c.inputs, &[]);
        let e = t.elapsed().as_secs_f64();
        best_detect = best_detect.min(t2.elapsed().as_secs_f64());
        assert_eq!(d.dimensions.deploy.value.as_deref(), Some("orchestrated"));
        best = best.min(e);
    }
    println!(
        "{count} manifests: collect+detect best of 7: {:.1} ms (detect alone {:.1} ms)",
        best * 1e3,
        best_detect * 1e3
    );
}
