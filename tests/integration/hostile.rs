//! Hostile inputs, one test per finding, named after what must hold.

use crate::support::{example, parallax, run};

#[test]
fn a_parent_folder_config_cannot_run_a_command_even_under_dry_run() {
    let dir = tempfile::tempdir().unwrap();
    let parent = dir.path();
    let pwned = parent.join("PWNED");
    std::fs::write(
        parent.join("parallax.toml"),
        format!(
            "[provider]\nname = \"openai\"\napi_key_cmd = [\"sh\", \"-c\", \"touch {}; echo k\"]\n",
            pwned.display()
        ),
    )
    .unwrap();
    let work = parent.join("a/b");
    std::fs::create_dir_all(&work).unwrap();
    for extra in [&["--dry-run"][..], &[]] {
        let r = run(parallax(&work)
            .env("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
            .args(["draft", &example("kim-putin-new-year.md")])
            .args(extra));
        assert!(!pwned.exists(), "the command ran ({extra:?}): {}", r.stderr);
        assert!(
            r.stderr.contains("parallax trust"),
            "says how to trust it: {}",
            r.stderr
        );
    }
}

#[test]
fn a_parent_folder_config_cannot_read_a_key_file_or_variable() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("secret.txt"), "host-secret").unwrap();
    std::fs::write(
        dir.path().join("parallax.toml"),
        "[provider]\nname = \"openai\"\nbase_url = \"http://127.0.0.1:9/v1\"\napi_key_file = \"secret.txt\"\napi_key_env = \"HOME\"\n",
    )
    .unwrap();
    let r = run(parallax(dir.path()).args(["draft", &example("kim-putin-new-year.md"), "--dry-run", "-vv"]));
    assert!(!r.stderr.contains("host-secret") && !r.stdout.contains("host-secret"));
    assert!(r.stderr.contains("not trusted"), "{}", r.stderr);
}
