//! `cargo run --example detect -- PATHS...`: prints the JSON detection (a
//! stand-in for `archsel detect` until the CLI is wired).
#[path = "../tests/common.rs"]
mod common;

fn main() {
    let args: Vec<std::path::PathBuf> = std::env::args().skip(1).map(Into::into).collect();
    let (json, paths): (Vec<_>, Vec<_>) = args.into_iter().partition(|a| a.as_os_str() == "--json");
    let c = archsel_detect::collect(&paths).unwrap();
    let d = c.detect(&common::core_catalog());
    if json.is_empty() {
        print!("{}", archsel_detect::render_text(&d, &[]));
    } else {
        println!("{}", serde_json::to_string_pretty(&d).unwrap());
    }
}
