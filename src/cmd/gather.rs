//! The `gather` and `channels` commands: each side's own words from its
//! official channels into a source pack, and the channels themselves.

use std::path::Path;

use super::out::write_stdout;
use crate::cli::{ChannelsCommand, GatherArgs};
use crate::config::{ProcessEnv, Project};
use crate::error::{Error, Result};
use crate::gather::{self, channel};

pub(crate) async fn run(args: &GatherArgs, config: Option<&Path>) -> Result<()> {
    let (project, persona) =
        super::open::project_and_persona(config, args.personas.as_deref(), args.persona.as_deref())?;
    let mut channels = channels_of(&project, args.channels.as_deref())?;
    if !args.only.is_empty() {
        if let Some(missing) = args.only.iter().find(|id| !channels.iter().any(|c| &c.id == *id)) {
            return Err(Error::Usage(format!(
                "no channel `{missing}`; `parallax channels list` lists them"
            )));
        }
        channels.retain(|c| args.only.contains(&c.id));
    }
    for p in &persona.spec.perspectives {
        if let Some(missing) = p
            .channels
            .iter()
            .find(|id| !channels.iter().any(|c| &c.id == *id))
        {
            return Err(Error::Usage(format!(
                "persona {}: perspective {} names channel `{missing}`, which no channel file defines; `parallax channels list` lists them",
                persona.spec.id, p.id
            )));
        }
    }
    let since = age(args.since.as_deref(), "--since")?;
    let fetcher = project.fetcher_with(&ProcessEnv, args.allow_private, true)?;
    let Some(manifest) = &args.manifest else {
        let opts = gather::Options {
            topic: args
                .topic
                .as_deref()
                .map(|t| gather::topic_words(t, &persona))
                .unwrap_or_default(),
            since,
            out: project.path(&args.out),
            per_channel: args.per_channel,
        };
        let report = gather::run(&channels, &persona, &fetcher, &opts).await?;
        say(&report);
        eprintln!(
            "source pack: {} (draft it with `parallax draft {}`)",
            opts.out.display(),
            args.out.display()
        );
        if args.json {
            write_stdout(&(serde_json::to_string(&report).map_err(Error::internal)? + "\n"))?;
        }
        return Ok(());
    };
    nightly(args, manifest, &project, &persona, &channels, &fetcher, since).await
}

/// `--manifest`: one pack per topic of the topics file, and the batch
/// manifest of those packs.
async fn nightly(
    args: &GatherArgs,
    manifest: &Path,
    project: &Project,
    persona: &crate::persona::Persona,
    channels: &[channel::Channel],
    fetcher: &crate::fetch::Fetcher,
    since: Option<std::time::Duration>,
) -> Result<()> {
    let topics = gather::topics::Topics::load(&project.path(manifest))?;
    let out = project.path(&args.out);
    let mut lines = String::new();
    let mut reports = Vec::new();
    for t in &topics.topics {
        let persona = match &t.persona {
            Some(id) => crate::persona::load(id, &project.persona_dirs)?,
            None => persona.clone(),
        };
        let opts = gather::Options {
            topic: gather::topic_words(t.topic.as_deref().unwrap_or(&t.id), &persona),
            since: match &t.since {
                Some(s) => age(Some(s), "since")?,
                None => since,
            },
            out: out.join(&t.id),
            per_channel: args.per_channel,
        };
        eprintln!("topic {}:", t.id);
        let report = gather::run(channels, &persona, fetcher, &opts).await?;
        say(&report);
        if report.items.is_empty() {
            eprintln!("  no item on {}: left out of the batch", t.id);
        } else {
            lines.push_str(&gather::topics::manifest_line(&t.id, &persona.spec.id));
        }
        reports.push(serde_json::json!({ "id": t.id, "report": report }));
    }
    let path = out.join("batch.jsonl");
    crate::fsutil::write_atomic(&path, lines.as_bytes())
        .map_err(|e| Error::io(format!("writing {}", path.display()), e))?;
    eprintln!(
        "batch manifest: {} (draft them with `parallax batch {} --out DIR`)",
        path.display(),
        args.out.join("batch.jsonl").display()
    );
    if args.json {
        write_stdout(&(serde_json::to_string(&reports).map_err(Error::internal)? + "\n"))?;
    }
    Ok(())
}

/// An age given as `7d` or `36h`.
fn age(s: Option<&str>, what: &str) -> Result<Option<std::time::Duration>> {
    s.map(|s| {
        humantime::parse_duration(s)
            .map_err(|e| Error::Usage(format!("{what} {s}: {e}; give an age such as `7d` or `36h`")))
    })
    .transpose()
}

/// A gather's counts per side, and what it skipped.
fn say(report: &gather::Report) {
    for (side, n) in &report.sides {
        eprintln!("{side}: {n} item(s)");
    }
    for s in &report.skipped {
        tracing::warn!("{}: {}: {}", s.channel, s.url, s.reason);
    }
}

/// The channels: `--channels DIR`, then the project's `channels/`, then the
/// user's, then the built-in ones.
fn channels_of(project: &Project, dir: Option<&Path>) -> Result<Vec<channel::Channel>> {
    let dirs: Vec<_> = dir
        .map(|d| project.path(d))
        .into_iter()
        .chain(project.channel_dirs.iter().cloned())
        .collect();
    Ok(channel::load_all(&dirs)?)
}

pub(crate) async fn channels(cmd: &ChannelsCommand, config: Option<&Path>) -> Result<()> {
    match cmd {
        ChannelsCommand::List { channels, json } => {
            let project = super::open::discover(config, None, None)?;
            let all = channels_of(&project, channels.as_deref())?;
            let text = if *json {
                all.iter()
                    .map(|c| serde_json::to_string(c).map(|s| s + "\n"))
                    .collect::<std::result::Result<String, _>>()
                    .map_err(Error::internal)?
            } else {
                all.iter()
                    .map(|c| {
                        format!(
                            "{:<22} {:<14} {:<3} {}  ({})\n",
                            c.id, c.side, c.language, c.url, c.origin
                        )
                    })
                    .collect()
            };
            write_stdout(&text)
        }
        ChannelsCommand::Check {
            files,
            live,
            channels,
            allow_private,
            json,
        } => {
            let mut parsed = Vec::new();
            for f in files {
                let text = crate::fsutil::read_text(f, 1 << 20)
                    .map_err(|e| Error::io(format!("reading {}", f.display()), e))?;
                parsed.push(channel::parse(f, &text)?);
                if !live {
                    eprintln!("{}: ok", f.display());
                }
            }
            if !live {
                return Ok(());
            }
            let project = super::open::discover(config, None, None)?;
            if parsed.is_empty() {
                parsed = channels_of(&project, channels.as_deref())?;
            }
            let fetcher = project.fetcher_with(&ProcessEnv, *allow_private, true)?;
            let report = crate::gather::health::check(&parsed, &fetcher).await;
            live_report(&report, *json)
        }
    }
}

/// The live check's lines (or JSON), and failure when a channel failed.
fn live_report(report: &[crate::gather::health::Health], json: bool) -> Result<()> {
    let mut text = String::new();
    for h in report {
        if json {
            text.push_str(&serde_json::to_string(h).map_err(Error::internal)?);
            text.push('\n');
        } else if h.ok {
            text.push_str(&format!(
                "{}: ok, {} item(s), newest {}\n",
                h.channel,
                h.items.unwrap_or(0),
                h.newest.map_or_else(|| "undated".to_string(), |d| d.to_string())
            ));
        } else {
            text.push_str(&format!(
                "{}: fails: {}\n",
                h.channel,
                h.problem.as_deref().unwrap_or("")
            ));
        }
    }
    write_stdout(&text)?;
    let failed = report.iter().filter(|h| !h.ok).count();
    if failed > 0 {
        return Err(Error::Channels(format!(
            "{failed} of {} channel(s) did not answer with a feed; fix their `url` or leave them out",
            report.len()
        )));
    }
    Ok(())
}
