//! `parallax init [DIR]`: a project folder ready for `draft` and `batch`.

use std::path::{Path, PathBuf};

use super::out::write_stdout;
use crate::error::{Error, InputError, Result};
use crate::fsutil::write_atomic;

const CONFIG: &str = r#"# parallax project settings. Every key is optional; docs/providers.md has them all.
# Commands run anywhere below this folder use this file.

# The persona used when --persona is not given (a file in personas/ or a built-in:
# prism, ledger, circuit, nuri).
persona = "prism"

[provider]
# "extractive" drafts offline from the source passages; any other name is a
# preset: openai, anthropic, ollama, llamacpp, vllm, lmstudio, openrouter, groq,
# together, mistral, deepseek, gemini. Without this key parallax uses openai when
# OPENAI_API_KEY or OPENAI_BASE_URL is set, anthropic when ANTHROPIC_API_KEY is.
# name = "ollama"
# model = "llama3.1"
# base_url = "http://127.0.0.1:11434"
# api_key_env = "OPENAI_API_KEY"    # keys come from the environment, never from here
# max_tokens = 2048
# concurrency = 8
# rpm = 0

# [models]                           # a model per stage
# brief = "gpt-4o-mini"
# perspective = "gpt-4.1"

# [prices."gpt-4o-mini"]             # US dollars per million tokens
# input = 0.15
# output = 0.60

[paths]
personas = "personas"                # your personas; they win over the built-ins
prompts = "prompts"                  # templates here override the built-ins file by file
"#;

const EXAMPLE_SOURCE: &str = include_str!("../../examples/sources/kim-putin-new-year.md");

pub(crate) fn run(dir: Option<&Path>) -> Result<()> {
    let dir: PathBuf = dir.map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
    let config = dir.join("parallax.toml");
    if config.exists() {
        return Err(InputError::new(&config, None, "a project already exists here")
            .hint("edit it, or run `parallax init` in another folder")
            .into());
    }
    for sub in ["personas", "prompts", "sources"] {
        std::fs::create_dir_all(dir.join(sub))
            .map_err(|e| Error::io(format!("creating {}", dir.join(sub).display()), e))?;
    }
    let write = |path: PathBuf, text: &str| {
        write_atomic(&path, text.as_bytes()).map_err(|e| Error::io(format!("writing {}", path.display()), e))
    };
    write(config, CONFIG)?;
    let example = dir.join("sources/example.md");
    if !example.exists() {
        write(example, EXAMPLE_SOURCE)?;
    }
    write_stdout(&format!(
        "created a parallax project in {}\n\
         next:\n  cd {}\n  parallax draft sources/example.md -o article.md   # offline, no key needed\n  \
         parallax personas new desk                         # your own persona in personas/\n  \
         parallax prompts eject                             # copy the templates into prompts/ to edit\n",
        dir.display(),
        dir.display()
    ))
}
