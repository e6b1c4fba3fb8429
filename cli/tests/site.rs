//! Runs the real `coalition site` binary on the shipped `www/` and on broken inputs.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A temp dir removed even when an assertion fails; `name` keeps parallel tests apart.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir =
            std::env::temp_dir().join(format!("coalition-site-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("create temp dir");
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn site(www: &Path, out: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_coalition"))
        .arg("site")
        .arg(www)
        .arg(out)
        .output()
        .expect("run coalition site")
}

fn www() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../www")
}

#[test]
fn builds_the_page_and_keeps_what_out_dir_holds() {
    let tmp = TempDir::new("build");
    let out = tmp.0.join("dist");
    fs::create_dir_all(out.join("pkg")).expect("create pkg");
    fs::write(out.join("pkg/coalition_infographic.js"), "// glue").expect("write");

    let output = site(&www(), &out);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let page = fs::read_to_string(out.join("index.html")).expect("index.html written");
    assert!(!page.contains("<!-- generated:"));
    assert!(page.contains("<ul class=\"key-figures\">"));
    assert!(page.contains("nearly 90,000"));
    for file in ["style.css", "main.js", "noscript.css"] {
        assert!(out.join(file).is_file(), "{file} copied");
    }
    assert_eq!(
        fs::read_to_string(out.join("pkg/coalition_infographic.js")).expect("kept"),
        "// glue"
    );
}

#[test]
fn copies_subfolders() {
    let tmp = TempDir::new("nested");
    let src = tmp.0.join("www");
    fs::create_dir_all(src.join("img/icons")).expect("create");
    fs::copy(www().join("index.html"), src.join("index.html")).expect("copy template");
    fs::write(src.join("img/icons/a.svg"), "<svg/>").expect("write");
    let out = tmp.0.join("out");
    let output = site(&src, &out);
    assert!(output.status.success());
    assert_eq!(
        fs::read_to_string(out.join("img/icons/a.svg")).expect("copied"),
        "<svg/>"
    );
}

#[test]
fn a_template_without_markers_fails_with_the_marker_named() {
    let tmp = TempDir::new("bad");
    let src = tmp.0.join("www");
    fs::create_dir_all(&src).expect("create");
    fs::write(src.join("index.html"), "<!doctype html><title>x</title>").expect("write");
    let out = tmp.0.join("out");
    let output = site(&src, &out);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("<!-- generated:"), "{stderr}");
    assert!(!out.exists(), "nothing written on failure");
}

#[test]
fn refuses_an_out_dir_inside_www_dir_and_bad_usage() {
    let tmp = TempDir::new("inside");
    let src = tmp.0.join("www");
    fs::create_dir_all(&src).expect("create");
    fs::copy(www().join("index.html"), src.join("index.html")).expect("copy template");
    let output = site(&src, &src.join("dist"));
    assert_eq!(output.status.code(), Some(1));
    assert!(!src.join("dist").exists());

    let output = Command::new(env!("CARGO_BIN_EXE_coalition"))
        .args(["site", "only-one"])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));

    let output = site(&tmp.0.join("missing"), &tmp.0.join("out"));
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("missing"));
}

/// main.js readies the charts' faces before the first drawing; warming another stack than the
/// one the charts draw in would cost the time and save none.
#[test]
fn the_page_warms_the_font_stack_the_charts_draw_in() {
    let js = fs::read_to_string(www().join("main.js")).expect("www/main.js");
    let stack = format!("\"{}\"", coalition_infographic::charts::text::FONT_FAMILY);
    assert!(js.contains(&stack), "www/main.js does not name {stack}");
}
