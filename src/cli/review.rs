//! The arguments of `review`: the desk over a batch's output folder.

use std::path::PathBuf;

use clap::Args;

#[derive(Debug, Args)]
pub(crate) struct PublishArgs {
    /// A batch's output folder.
    #[arg(value_name = "DIR")]
    pub(crate) dir: PathBuf,
    /// The target named in parallax.toml (`[publish.NAME]`).
    #[arg(long, value_name = "NAME")]
    pub(crate) to: String,
    /// Every written story, approved or not; those not approved go as drafts.
    #[arg(long)]
    pub(crate) all: bool,
    /// Say what would be written, and write nothing.
    #[arg(long)]
    pub(crate) dry_run: bool,
    /// Check the target without writing anything: its folder, and the site
    /// around it. Exit 2 with the fix when something is wrong.
    #[arg(long, conflicts_with_all = ["all", "dry_run"])]
    pub(crate) check: bool,
    /// One JSON object per story on standard output.
    #[arg(long)]
    pub(crate) json: bool,
    /// How approved stories go out: `draft` (the default), or `publish` to make
    /// them live at once. Unapproved stories under `--all` are always drafts.
    #[arg(long, value_name = "STATUS", default_value = "draft", value_parser = ["draft", "publish"])]
    pub(crate) status: String,
}

#[derive(Debug, Args)]
pub(crate) struct ReviewArgs {
    /// A batch's output folder.
    #[arg(value_name = "DIR")]
    pub(crate) dir: PathBuf,
    /// One JSON object per story instead of the table.
    #[arg(long)]
    pub(crate) json: bool,
    /// Approve these stories (their current articles).
    #[arg(long, value_name = "ID", num_args = 1.., conflicts_with_all = ["reject", "approved"])]
    pub(crate) approve: Vec<String>,
    /// Reject these stories.
    #[arg(long, value_name = "ID", num_args = 1.., conflicts_with = "approved")]
    pub(crate) reject: Vec<String>,
    /// Why, recorded with the decisions.
    #[arg(long, value_name = "TEXT")]
    pub(crate) note: Option<String>,
    /// List only the stories approved as they are now: what may go out.
    #[arg(long)]
    pub(crate) approved: bool,
}
