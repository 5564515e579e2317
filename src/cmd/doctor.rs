//! The `doctor` command: probe the configured server and print what works.

use std::path::Path;

use super::open::cwd;
use super::out::{columns, write_stdout};
use crate::cli::DoctorArgs;
use crate::config::Flags;
use crate::error::{Error, Result};
use crate::llm::LlmError;
use crate::llm::probe;
use crate::session::Session;
use crate::stage::StageKind;

pub(crate) async fn run(args: &DoctorArgs, config: Option<&Path>) -> Result<()> {
    let flags: Flags = args.run.flags();
    let session = Session::new(&flags, None, config, &cwd()?)?;
    let Some(client) = &session.drafter().client() else {
        return Err(Error::Usage(
            "no model server to probe: pass --provider (or --base-url), or set OPENAI_BASE_URL / ANTHROPIC_API_KEY".into(),
        ));
    };
    let voice = session.voices().get(None)?;
    let options = session.drafter().options(&voice.persona, None, false)?;
    let model = options.models.get(&StageKind::Brief).cloned().unwrap_or_default();
    let probes = client.probe(&model).await;
    if args.json {
        let v = serde_json::json!({"provider": session.drafter().provider_name(), "base_url": client.base_url(), "model": model, "probes": probes});
        write_stdout(&format!("{v}\n"))?;
    } else {
        let mut rows = vec![vec!["check".to_string(), "".into(), "detail".into()]];
        for p in &probes {
            rows.push(vec![
                p.check.clone(),
                if p.ok { "ok" } else { "no" }.into(),
                p.detail.clone(),
            ]);
        }
        let best =
            probe::best_mode(&probes).unwrap_or("none: answers will be repaired or built from the sources");
        write_stdout(&format!(
            "{} at {}, model {model}\n\n{}\nstructured output: parallax asks in {best}\n",
            session.drafter().provider_name(),
            client.base_url(),
            columns(&rows)
        ))?;
    }
    match probes.iter().find(|p| p.check == "answer") {
        Some(p) if p.ok => Ok(()),
        Some(p) => Err(Error::Llm(LlmError::Config(format!(
            "the server did not answer: {}",
            p.detail
        )))),
        None => Ok(()),
    }
}
