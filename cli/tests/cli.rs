//! The command line refuses, with a short clear message and before writing anything, what it
//! cannot do honestly: two outputs into one file, a site written through a symbolic link, a
//! pixel ratio far out of range. And the host configs the README shows are the ones
//! `coalition hosting` writes.

use std::fs;
use std::path::PathBuf;
use std::process::{Command, Output};

fn coalition(args: &[&str], dir: &PathBuf) -> Output {
    Command::new(env!("CARGO_BIN_EXE_coalition"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run coalition")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("coalition-cli-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// Exit code 2, one short line of error (plus the usage hint), and nothing written.
fn assert_refused(output: &Output, words: &str) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    let first = stderr.lines().next().unwrap_or_default();
    assert!(first.contains(words), "{stderr}");
    assert!(first.len() < 200, "a short message: {first}");
}

#[test]
fn png_and_svg_into_one_file_is_refused() {
    let dir = scratch("same-file");
    // Each pair is refused, one chart or all, and `unwritten` is still not there.
    let refused = |pairs: &[(&str, &str)], all: (&str, &str), unwritten: &str| {
        for (png, svg) in pairs {
            let output = coalition(&["render", "funding", "--svg", svg, "--png", png], &dir);
            assert_refused(&output, "--png and --svg both name");
            assert!(
                !dir.join(unwritten).exists(),
                "nothing written for {png} {svg}"
            );
        }
        let output = coalition(&["render", "all", "--svg", all.0, "--png", all.1], &dir);
        assert_refused(&output, "--png and --svg both name");
    };
    refused(
        &[
            ("out/f.svg", "out/f.svg"),
            ("out/./f.svg", "out/f.svg"),
            ("out/x/../f.png", "out/f.png"),
        ],
        ("o/{chart}.x", "o/{chart}.x"),
        "out",
    );

    // Two names for one file through symbolic links, before either file exists: a link
    // that names the other file, and a folder that is a link to the other's folder.
    fs::create_dir_all(dir.join("o")).expect("folder");
    std::os::unix::fs::symlink("f.svg", dir.join("o/link.svg")).expect("link");
    std::os::unix::fs::symlink("o", dir.join("p")).expect("link");
    refused(
        &[
            ("o/link.svg", "o/f.svg"),
            ("p/f.svg", "o/f.svg"),
            ("p/link.svg", "o/f.svg"),
        ],
        ("o/{chart}.x", "p/{chart}.x"),
        "o/f.svg",
    );
    assert_eq!(
        fs::read_dir(dir.join("o")).expect("o").count(),
        1,
        "only the link"
    );
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_pixel_ratio_far_out_of_range_gets_a_short_message() {
    let dir = scratch("ratio");
    for ratio in ["1e-300", "1e300", "0", "-2", "4.0001", "NaN", "inf", "two"] {
        let output = coalition(
            &[
                "render",
                "funding",
                "--png",
                "a.png",
                "--pixel-ratio",
                ratio,
            ],
            &dir,
        );
        assert_refused(
            &output,
            &format!("--pixel-ratio must be a number from 1 to 4, not '{ratio}'"),
        );
    }
    let long = "9".repeat(500);
    let output = coalition(
        &[
            "render",
            "funding",
            "--png",
            "a.png",
            "--pixel-ratio",
            &long,
        ],
        &dir,
    );
    assert_refused(&output, "not '9999");
    assert!(!dir.join("a.png").exists());
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn site_into_a_folder_holding_a_symlink_fails_before_copying() {
    let dir = scratch("site-link");
    let www = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../www");
    let out = dir.join("out");
    fs::create_dir_all(out.join("pkg")).expect("out");
    fs::write(dir.join("victim.txt"), "untouched").expect("victim");
    std::os::unix::fs::symlink(dir.join("victim.txt"), out.join("pkg/style.css")).expect("link");
    let output = coalition(
        &[
            "site",
            www.to_str().expect("utf-8"),
            out.to_str().expect("utf-8"),
        ],
        &dir,
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("is a symbolic link"), "{stderr}");
    assert!(stderr.contains("Nothing was written"), "{stderr}");
    assert_eq!(
        fs::read_to_string(dir.join("victim.txt")).expect("read"),
        "untouched"
    );
    let left: Vec<_> = fs::read_dir(&out)
        .expect("out")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(left, ["pkg"], "nothing was copied");

    // A linked folder inside WWW_DIR is refused the same way, before any copy.
    let www_copy = dir.join("www");
    fs::create_dir_all(&www_copy).expect("www");
    fs::copy(www.join("index.html"), www_copy.join("index.html")).expect("template");
    fs::write(www_copy.join("a.css"), "a").expect("file");
    std::os::unix::fs::symlink(&dir, www_copy.join("loop")).expect("link");
    let fresh = dir.join("fresh");
    let output = coalition(
        &[
            "site",
            www_copy.to_str().expect("utf-8"),
            fresh.to_str().expect("utf-8"),
        ],
        &dir,
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("symbolic links to folders"));
    assert!(!fresh.exists(), "nothing was written");
    let _ = fs::remove_dir_all(&dir);
}

/// The fenced block that follows `marker` in the README.
fn readme_block(readme: &str, marker: &str) -> String {
    let after = readme
        .split_once(marker)
        .unwrap_or_else(|| panic!("README has {marker}"))
        .1;
    let start = after.find("```").expect("a fence") + 3;
    let body = &after[start..];
    let body = &body[body.find('\n').expect("fence line") + 1..];
    body[..body.find("```").expect("closing fence")].to_string()
}

#[test]
fn the_readme_shows_the_configs_the_build_writes() {
    let dir = scratch("hosting");
    fs::create_dir_all(dir.join("dist")).expect("dist");
    let output = coalition(
        &[
            "hosting",
            "dist",
            "conf",
            "--root",
            "/srv/coalition",
            "--listen",
            "80",
        ],
        &dir,
    );
    assert!(output.status.success(), "{output:?}");
    let readme =
        fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md")).expect("README");
    for (marker, file) in [
        ("<!-- hosting:_headers -->", "dist/_headers"),
        ("<!-- hosting:nginx -->", "conf/nginx.conf"),
        ("<!-- hosting:caddy -->", "conf/Caddyfile"),
        ("<!-- hosting:htaccess -->", "dist/.htaccess"),
    ] {
        let written = fs::read_to_string(dir.join(file)).expect("written");
        assert_eq!(
            readme_block(&readme, marker),
            written,
            "README's {file} differs from what coalition hosting writes"
        );
    }
    let output = coalition(&["hosting", "dist", "conf", "--root", "/srv/a b;"], &dir);
    assert_refused(&output, "--root must be a path");
    let _ = fs::remove_dir_all(&dir);
}
