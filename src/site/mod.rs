//! `archsel site`: the catalog as a static website. Lives in the CLI crate,
//! not a crate of its own, because a leaf page holds the report the CLI's
//! `recommend` prints (`commands::recommend`), and the matrix and the graph
//! are `compare`'s and `graph`'s views: a separate crate would have to copy
//! them or make the CLI a library of a library.
//!
//! Layout: `html` (escaping, links, the page frame), `catalog` (index,
//! filters, pattern pages), `views` (matrix, graph), `questionnaire` (the
//! tree as pages), `adapter` (the only calls into the engine), `markdown`
//! (the report as safe HTML), `style.css`. Pages are written one at a time
//! into a temporary sibling of the output folder, which then replaces it.

mod adapter;
pub mod catalog;
pub mod html;
pub mod markdown;
pub mod questionnaire;
pub mod views;

use crate::Error;
use crate::catalog::Catalog;
use html::{Links, Nav, Page};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub use views::{GraphDrawing, GraphMode};

/// The stylesheet, hand-written, the only one.
pub const STYLE: &str = include_str!("style.css");

/// The file that marks a folder as a site archsel wrote (`--force` replaces
/// only such a folder, or an empty one).
pub const MARKER: &str = ".archsel-site";

#[derive(Clone, Debug)]
pub struct Options {
    /// Links under this URL or absolute path instead of relative ones.
    pub base_url: Option<String>,
    /// How to draw the relation graph.
    pub graph: GraphDrawing,
    /// Fail when the questionnaire needs more pages than this.
    pub max_pages: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            base_url: None,
            graph: GraphDrawing::Auto,
            max_pages: questionnaire::MAX_PAGES,
        }
    }
}

/// What was written.
pub struct Summary {
    /// Site path and size in bytes of every file, in writing order.
    pub files: Vec<(String, usize)>,
    pub graph: GraphMode,
    pub questions: usize,
    pub leaves: usize,
}

impl Summary {
    pub fn bytes(&self) -> usize {
        self.files.iter().map(|(_, n)| n).sum()
    }
}

/// The site being written.
pub struct Site<'c> {
    pub catalog: &'c Catalog,
    links: Links,
    root: PathBuf,
    graph_drawing: GraphDrawing,
    max_pages: usize,
    files: Vec<(String, usize)>,
    footer: String,
    /// `(dimension, value)` → patterns, in catalog order.
    by_dimension: HashMap<(String, String), Vec<usize>>,
}

impl<'c> Site<'c> {
    fn page(&self, path: &str, title: &str, section: Nav) -> Page {
        Page {
            path: path.to_owned(),
            title: title.to_owned(),
            meta: Vec::new(),
            section,
            body: String::new(),
            links: self.links.clone(),
        }
    }

    fn by_dimension(&self, dimension: &str, value: &str) -> &[usize] {
        self.by_dimension
            .get(&(dimension.to_owned(), value.to_owned()))
            .map_or(&[], |v| v)
    }

    fn write_page(&mut self, page: Page) -> Result<(), Error> {
        let path = page.path.clone();
        let text = page.finish(&self.footer);
        self.write(&path, text.as_bytes())
    }

    fn write(&mut self, path: &str, bytes: &[u8]) -> Result<(), Error> {
        let full = self.root.join(path);
        if let Some(dir) = full.parent() {
            std::fs::create_dir_all(dir).map_err(|e| io_error("create", dir, &e))?;
        }
        std::fs::write(&full, bytes).map_err(|e| io_error("write", &full, &e))?;
        self.files.push((path.to_owned(), bytes.len()));
        Ok(())
    }
}

fn io_error(action: &'static str, path: &Path, e: &std::io::Error) -> Error {
    Error::Io {
        action,
        path: path.display().to_string(),
        reason: crate::catalog::source::io_reason(e),
        help: None,
    }
}

/// Writes the whole site into `root`, an existing empty directory.
pub fn generate(catalog: &Catalog, options: &Options, root: &Path) -> Result<Summary, Error> {
    let mut by_dimension: HashMap<(String, String), Vec<usize>> = HashMap::new();
    for (i, p) in catalog.patterns.iter().enumerate() {
        for d in crate::catalog::model::DIMENSION_IDS {
            if let Some(v) = p.dimensions.get(d) {
                by_dimension
                    .entry((d.to_owned(), v.to_owned()))
                    .or_default()
                    .push(i);
            }
        }
    }
    let mut site = Site {
        catalog,
        links: Links::new(options.base_url.as_deref())?,
        root: root.to_owned(),
        graph_drawing: options.graph,
        max_pages: options.max_pages,
        files: Vec::new(),
        footer: format!(
            "Built by archsel {} from {} patterns. Everything here works offline: no script, font or image is fetched.",
            env!("CARGO_PKG_VERSION"),
            catalog.patterns.len()
        ),
        by_dimension,
    };
    site.write(MARKER, b"A static site written by `archsel site`; `archsel site --force` may replace this folder.\n")?;
    site.write("style.css", STYLE.as_bytes())?;
    catalog::index(&mut site)?;
    for i in 0..catalog.patterns.len() {
        catalog::pattern_page(&mut site, i)?;
    }
    views::matrix(&mut site)?;
    let graph = views::graph(&mut site)?;
    let counts = questionnaire::build(&mut site)?;
    Ok(Summary {
        files: site.files,
        graph,
        questions: counts.questions,
        leaves: counts.leaves,
    })
}

/// Builds the site in a temporary sibling of `out`, then puts it in place:
/// an existing non-empty `out` is refused without `force`; with it, `out`
/// must be a folder this command wrote (or empty) and is replaced by two
/// renames, so that a reader never sees a half-written site.
pub fn publish(
    catalog: &Catalog,
    options: &Options,
    out: &Path,
    force: bool,
) -> Result<Summary, Error> {
    let shown = out.display().to_string();
    let refuse = |reason: &str, help: &str| Error::Io {
        action: "write the site to",
        path: shown.clone(),
        reason: reason.to_owned(),
        help: Some(help.to_owned()),
    };
    let existing = match std::fs::symlink_metadata(out) {
        Ok(meta) if meta.is_dir() => {
            let empty = std::fs::read_dir(out)
                .map_err(|e| io_error("read", out, &e))?
                .next()
                .is_none();
            if !empty && !force {
                return Err(refuse(
                    "the folder exists and is not empty",
                    "pass --force to replace it, or choose another folder",
                ));
            }
            if !empty && !out.join(MARKER).is_file() {
                return Err(refuse(
                    &format!(
                        "the folder was not written by `archsel site` (it has no {MARKER} file)"
                    ),
                    "remove it yourself, or choose another folder: --force replaces only a site archsel wrote",
                ));
            }
            true
        }
        Ok(_) => {
            return Err(refuse(
                "it exists and is not a folder",
                "choose another path",
            ));
        }
        Err(_) => false,
    };
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !parent.is_dir() {
        return Err(refuse(
            &format!("the folder {} does not exist", parent.display()),
            &format!("create it first: mkdir -p {}", parent.display()),
        ));
    }
    let temp = tempfile::Builder::new()
        .prefix(".archsel-site-")
        .tempdir_in(parent)
        .map_err(|e| io_error("create a folder in", parent, &e))?;
    // A temporary folder is private (0700); a site is for reading.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(temp.path(), std::fs::Permissions::from_mode(0o755))
            .map_err(|e| io_error("set permissions of", temp.path(), &e))?;
    }
    let summary = generate(catalog, options, temp.path())?;
    let built = temp.keep();
    let old = if existing {
        let old = tempfile::Builder::new()
            .prefix(".archsel-site-old-")
            .tempdir_in(parent)
            .map_err(|e| io_error("create a folder in", parent, &e))?
            .keep();
        std::fs::remove_dir(&old).map_err(|e| io_error("remove", &old, &e))?;
        std::fs::rename(out, &old).map_err(|e| io_error("move", out, &e))?;
        Some(old)
    } else {
        None
    };
    if let Err(e) = std::fs::rename(&built, out) {
        if let Some(old) = &old {
            let _ = std::fs::rename(old, out);
        }
        let _ = std::fs::remove_dir_all(&built);
        return Err(io_error("move the built site to", out, &e));
    }
    if let Some(old) = old {
        std::fs::remove_dir_all(&old).map_err(|e| io_error("remove", &old, &e))?;
    }
    Ok(summary)
}
