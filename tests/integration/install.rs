//! Installed as people install Rust tools: shell completions and a manual page,
//! both generated from the argument definitions, so they never drift from
//! `--help`.

use std::process::Command;

use crate::support::{Parallax, write};

#[test]
fn completions_exist_for_every_shell_and_load_in_bash() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let r = Parallax::scratch().args(["completions", shell]).succeeds();
        for word in ["parallax", "draft", "batch", "review", "gather"] {
            assert!(r.stdout.contains(word), "{shell} completions lack {word}");
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("parallax.bash");
    write(&script, Parallax::scratch().args(["completions", "bash"]).succeeds().stdout);
    let out = Command::new("bash")
        .arg("-c")
        .arg(format!("source '{}' && complete -p parallax", script.display()))
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(said.contains("-F _parallax parallax"), "{said}");
}

#[test]
fn the_manual_page_names_every_command_and_renders() {
    let page = Parallax::scratch().arg("man").succeeds().stdout;
    assert!(page.contains(".TH parallax 1"), "{}", &page[..page.len().min(200)]);
    for command in ["draft", "batch", "check", "review", "gather", "completions"] {
        assert!(page.contains(command), "the manual page lacks {command}");
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("parallax.1");
    write(&file, &page);
    // `man` reads a file given by path; where it is missing, groff renders alone.
    let rendered = Command::new("man")
        .env("MANWIDTH", "80")
        .env("MANPAGER", "cat")
        .arg(&file)
        .output()
        .or_else(|_| Command::new("groff").args(["-man", "-Tutf8"]).arg(&file).output())
        .expect("man or groff renders roff");
    let text = String::from_utf8_lossy(&rendered.stdout);
    assert!(rendered.status.success(), "{}", String::from_utf8_lossy(&rendered.stderr));
    assert!(text.contains("NAME") && text.contains("SYNOPSIS"), "{text}");
}
