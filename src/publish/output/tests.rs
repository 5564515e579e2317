//! Tests of `output`: what `-o` names, and each edition's file names.

use super::*;

#[test]
fn what_dash_o_names() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(target(Path::new("-"), &[]).unwrap(), Target::Stdout);
    assert_eq!(
        target(dir.path(), &[]).unwrap(),
        Target::Folder(dir.path().to_path_buf(), vec![Format::Md])
    );
    assert_eq!(
        target(Path::new("out/new/"), &[Format::Html]).unwrap(),
        Target::Folder(PathBuf::from("out/new/"), vec![Format::Html])
    );
    assert_eq!(
        target(Path::new("out/a.html"), &[]).unwrap(),
        Target::Files(PathBuf::from("out/a"), vec![Format::Html])
    );
    assert_eq!(
        target(Path::new("out/a.md"), &[Format::Md, Format::Json]).unwrap(),
        Target::Files(PathBuf::from("out/a"), vec![Format::Md, Format::Json])
    );
    let e = target(Path::new("out/a.docx"), &[]).unwrap_err().to_string();
    assert!(e.contains(".docx") && e.contains("- for standard output"), "{e}");
}

#[test]
fn a_headline_gives_a_file_name_in_any_script() {
    assert_eq!(
        slug("Seoul, Tokyo agree: talks resume!"),
        "seoul-tokyo-agree-talks-resume"
    );
    assert_eq!(slug("한일 외교장관 회담"), "한일-외교장관-회담");
    assert_eq!(slug("…"), "article");
    assert!(slug(&"word ".repeat(40)).len() <= 60);
}

#[test]
fn each_edition_has_its_own_names() {
    let ko_lang = crate::ids::Lang::from("ko");
    let ko = Edition {
        lang: Some(&ko_lang),
        stem: "story",
    };
    assert_eq!(ko.base(Path::new("out/story")), PathBuf::from("out/story.ko"));
    assert_eq!(ko.file(Path::new("run.json")), PathBuf::from("run.ko.json"));
    let only = Edition {
        lang: None,
        stem: "story",
    };
    assert_eq!(only.file(Path::new("run.json")), PathBuf::from("run.json"));
    assert_eq!(stems("s1", &["ko".into(), "en".into()]), ["s1.ko", "s1.en"]);
    assert_eq!(stems("s1", &["ko".into()]), ["s1"]);
    assert_eq!(
        outputs(Path::new("out/a"), &[Format::Md, Format::Html]),
        [
            PathBuf::from("out/a.md"),
            PathBuf::from("out/a.html"),
            PathBuf::from("out/a.provenance.json")
        ]
    );
}
