//! The rules the loader checks while reading and validating files (the
//! checks are in `source`, `raw`, `validate` and `mod`): the findings they
//! make and what `archsel lint --explain` says of them.

use crate::diagnostics::Rule;
use crate::diagnostics::Severity::Error;

pub const FILE_READ: Rule = Rule {
    id: "file-read",
    severity: Error,
    summary: "the file cannot be read as catalog text",
    explanation: "A catalog file must be readable UTF-8 text no larger than 1 MiB. Binary files \
(with NUL bytes), other encodings, unreadable files, dangling symlinks and oversized files are \
refused so that one bad file cannot hang or flood the linter; the other files are still checked.\n\n\
Example: a `pattern.yaml` saved as Latin-1 (`caf\\xe9`) → save it as UTF-8.",
};

pub const YAML_SYNTAX: Rule = Rule {
    id: "yaml-syntax",
    severity: Error,
    summary: "the file is not valid YAML (or is too deeply nested or alias-heavy)",
    explanation: "The YAML parser could not read the file: a syntax error, a duplicate key, nesting \
deeper than 64 levels or an alias expansion beyond the parser's budget (which stops 'billion \
laughs' alias bombs). The finding points at the spot where reading stopped.\n\n\
Example: `id: [monolith` (an unclosed flow sequence).",
};

pub const SCHEMA: Rule = Rule {
    id: "schema",
    severity: Error,
    summary: "a field is unknown, missing, or of the wrong type",
    explanation: "Each kind of file has a fixed set of fields (see patterns/README.md or `archsel \
schema`). Unknown fields are errors rather than being ignored, so that a typo cannot silently drop \
data.\n\nExample: `sumary: ...` in a Pattern → `unknown field `sumary``; write `summary`.",
};

pub const UNKNOWN_KIND: Rule = Rule {
    id: "unknown-kind",
    severity: Error,
    summary: "`kind` is missing or not Pattern, DecisionTree or Vocabulary",
    explanation: "Every catalog file declares what it is with `kind`, which decides how the rest \
is read.\n\nExample: `kind: Patern` → use `kind: Pattern`.",
};

pub const API_VERSION: Rule = Rule {
    id: "api-version",
    severity: Error,
    summary: "`apiVersion` is not archsel/v1",
    explanation: "The format is versioned so that a future archsel can read old files and reject \
files written for a newer one.\n\nExample: `apiVersion: archsel/v2` → `apiVersion: archsel/v1`.",
};

pub const INVALID_ID: Rule = Rule {
    id: "invalid-id",
    severity: Error,
    summary: "an id or alias is not lower-kebab-case",
    explanation: "Ids and aliases are typed on command lines and used as keys, so they are \
lowercase letters and digits separated by single hyphens.\n\nExample: `id: Event_Driven` → \
`id: event-driven`.",
};

pub const MISSING_FIELD: Rule = Rule {
    id: "missing-field",
    severity: Error,
    summary: "a required value is missing and cannot be inherited",
    explanation: "A pattern needs all four MECE dimensions; a variant (with `variant-of`) may \
inherit them from its parent.\n\nExample: a pattern without `dimensions` and without a parent.",
};

pub const EMPTY_TEXT: Rule = Rule {
    id: "empty-text",
    severity: Error,
    summary: "required text or a required list is empty",
    explanation: "A page with an empty summary, no pros or no cons helps nobody deciding; these \
fields must say something.\n\nExample: `pros: []`.",
};

pub const UNKNOWN_VALUE: Rule = Rule {
    id: "unknown-value",
    severity: Error,
    summary: "a value is not in the vocabulary",
    explanation: "Dimension values, categories, criteria and relation kinds come from \
patterns/vocabulary.yaml, so that every pattern is classified and rated on the same scales. The \
help lists the allowed values and the closest one.\n\nExample: `deploy: singel-host` → \
`single-host`.",
};

pub const DUPLICATE_ID: Rule = Rule {
    id: "duplicate-id",
    severity: Error,
    summary: "two files of the same catalog define the same id",
    explanation: "An id names exactly one pattern or tree. (A file in a --catalog directory may \
reuse a built-in id on purpose: that replaces the built-in and is not an error.)\n\nExample: two \
files in one directory both with `id: sidecar`.",
};

pub const ALIAS_COLLISION: Rule = Rule {
    id: "alias-collision",
    severity: Error,
    summary: "an alias or name is already the id, alias or name of another pattern",
    explanation: "Users type aliases (`k8s`, `faas`) and names (`show \"service mesh\"`); \
each must lead to one pattern.\n\nExample: `aliases: [mesh]`, or `name: Service Mesh`, on a \
pattern other than service-mesh.",
};

pub const DANGLING_REFERENCE: Rule = Rule {
    id: "dangling-reference",
    severity: Error,
    summary: "a relation, tree answer or effect points at an id that does not exist",
    explanation: "Relations, `recommend`, `next` and scoring effects refer to patterns and \
questions by id; a reference to nothing would silently drop an edge from the graph.\n\nExample: \
`evolves-to: [micro-services]` → did you mean `microservices`?",
};

pub const SELF_RELATION: Rule = Rule {
    id: "self-relation",
    severity: Error,
    summary: "a pattern relates to itself",
    explanation: "A relation joins two different patterns.\n\nExample: `combines-with: [sidecar]` \
in sidecar.yaml.",
};

pub const RATING_OUT_OF_SCALE: Rule = Rule {
    id: "rating-out-of-scale",
    severity: Error,
    summary: "a rating is not on its criterion's scale",
    explanation: "Each criterion has a scale in the vocabulary (1–5, 0–5, levels or team sizes); \
comparisons and scoring rely on values being on it.\n\nExample: `scalability: 7` (the scale is \
1–5), or `learning-curve: moderate` (use easy, medium, hard or very-hard).",
};

pub const RATING_MISSING: Rule = Rule {
    id: "rating-missing",
    severity: Error,
    summary: "a pattern is not rated on every criterion",
    explanation: "Comparison tables and the recommendation engine compare every pattern on every \
criterion; a variant may inherit ratings from its parent.\n\nExample: a pattern without \
`security:` under `ratings`.",
};

pub const MISSING_VOCABULARY: Rule = Rule {
    id: "missing-vocabulary",
    severity: Error,
    summary: "no Vocabulary file was loaded",
    explanation: "Patterns are checked against the vocabulary; with --no-default-catalog your \
catalog must bring its own vocabulary.yaml.\n\nExample: `archsel --no-default-catalog --catalog \
dir lint` where dir has no Vocabulary file.",
};

pub const TREE_DUPLICATE_CHOICE: Rule = Rule {
    id: "tree-duplicate-choice",
    severity: Error,
    summary: "a question offers the same value twice",
    explanation: "An answer value must pick one choice.\n\nExample: two choices with `value: yes`.",
};

pub const TREE_CHOICE_OUTCOME: Rule = Rule {
    id: "tree-choice-outcome",
    severity: Error,
    summary: "a choice has neither or both of `next` and `recommend`",
    explanation: "Each answer either leads to another question or ends with a recommendation.\n\n\
Example: a choice with only `value` and `label`.",
};

pub const TREE_MISSING_DEFAULT: Rule = Rule {
    id: "tree-missing-default",
    severity: Error,
    summary: "a question has no default, or its default is not a choice",
    explanation: "`--no-input` and scripted runs take the default of every unanswered question, \
so each question needs one.\n\nExample: `default: maybe` where the choices are yes and no.",
};

pub const OUT_OF_BOUNDS: Rule = Rule {
    id: "out-of-bounds",
    severity: Error,
    summary: "a number that sizes output or memory is outside its bounds",
    explanation: "Values that decide how much is drawn or held (an integer rating scale, drawn one \
symbol per point; the number of levels of a scale) are bounded, so that a catalog cannot make a \
command allocate or print without limit.\n\nExample: `scale: { type: integer, min: 1, max: \
100000000000 }` → use a scale such as 1 to 5 (at most 0 to 10).",
};

/// Every rule the loader checks. A catalog with a finding of one of these
/// does not load (`show`, `list`, … refuse it), so configuration cannot make
/// them less than errors.
pub static LOADING: &[&Rule] = &[
    &FILE_READ,
    &YAML_SYNTAX,
    &SCHEMA,
    &UNKNOWN_KIND,
    &API_VERSION,
    &INVALID_ID,
    &MISSING_FIELD,
    &EMPTY_TEXT,
    &UNKNOWN_VALUE,
    &DUPLICATE_ID,
    &ALIAS_COLLISION,
    &DANGLING_REFERENCE,
    &SELF_RELATION,
    &RATING_OUT_OF_SCALE,
    &RATING_MISSING,
    &MISSING_VOCABULARY,
    &TREE_DUPLICATE_CHOICE,
    &TREE_CHOICE_OUTCOME,
    &TREE_MISSING_DEFAULT,
    &OUT_OF_BOUNDS,
];

/// Whether a finding of this rule stops the catalog from loading.
pub fn stops_loading(id: &str) -> bool {
    LOADING.iter().any(|r| r.id == id)
}
