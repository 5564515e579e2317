//! The `statements` command: who says what in the sources, and for which side,
//! before a token is spent.

use std::path::Path;

use super::out::write_stdout;
use crate::cli::StatementsArgs;
use crate::config::ProcessEnv;
use crate::error::{Error, Result};
use crate::source;

pub(crate) async fn run(args: &StatementsArgs, config: Option<&Path>) -> Result<()> {
    let (project, persona) =
        super::open::project_and_persona(config, args.personas.as_deref(), args.persona.as_deref())?;
    let mut sources = source::load_all(&args.sources, &project.fetcher(&ProcessEnv)?).await?;
    source::tag_perspectives(&mut sources, &persona)?;
    let mut out = String::new();
    let mut count = 0;
    for s in &sources {
        for p in &s.passages {
            for st in &p.statements {
                count += 1;
                if args.json {
                    let mut v = serde_json::json!({
                        "source": s.origin,
                        "passage": p.id,
                        "speaker": st.speaker,
                        "side": st.side,
                        "verb": st.verb,
                        "content": st.content,
                    });
                    if let Some(m) = &st.mention {
                        v["mention"] = serde_json::json!(m);
                    }
                    out.push_str(&serde_json::to_string(&v).map_err(Error::internal)?);
                    out.push('\n');
                } else {
                    out.push_str(&format!(
                        "{:<5} {:<16} {} · {}: {}\n",
                        p.id,
                        st.side.as_deref().unwrap_or("(no side)"),
                        match &st.mention {
                            Some(m) => format!("{} ({m})", st.speaker),
                            None => st.speaker.clone(),
                        },
                        if st.verb.is_empty() {
                            "(quoted)"
                        } else {
                            st.verb.as_str()
                        },
                        st.content
                    ));
                }
            }
        }
    }
    write_stdout(&out)?;
    if !args.json {
        tracing::info!(
            "{count} statements in {} sources, sides from persona `{}`",
            sources.len(),
            persona.id()
        );
    }
    Ok(())
}
