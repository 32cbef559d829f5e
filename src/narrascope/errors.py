"""Numbered, explicit errors (in the manner of spaCy's ``Errors``).

Every message says what went wrong, with which input, and what to do.
Raise ``NarrascopeError(E.E001, path=...)``; the code shows in the message so
users can search the README's error table.
"""
from __future__ import annotations


class E:
    # Input (ingest)
    E001 = "{path}: file is empty. Nothing to analyse; remove it or check how it was saved."
    E002 = "{path}: looks binary, not text ({detail}). Pass plain-text, HTML, JSONL, CSV or SemEval files."
    E003 = "{path}: is not valid UTF-8 ({detail})."
    E004 = "{path}: is {size} bytes, over the limit of {limit} bytes. Split it, or raise max_bytes in the [ingest] section of a --config file."
    E005 = "{path}: malformed {format} ({detail}). Fix the file or convert it to one article per line."
    E006 = "{path}: no article text found ({detail})."
    E007 = "{path}: no such file or folder."
    E008 = "{path}: unsupported file type '{suffix}'. Supported: .txt, .html/.htm, .jsonl/.ndjson, .csv, SemEval folders."
    E009 = "{path}: HTML extraction failed ({detail})."
    E010 = "{path}: record {record}: {detail}"
    E011 = "{path}: could not be read ({detail})."
    # Pipeline / config
    E101 = "Unknown pipeline component '{name}'. Registered components: {available}."
    E102 = "Config file {path} could not be read: {detail}"
    E103 = "Component '{name}' failed on article '{id}': {detail}"
    # Models
    E201 = "Model directory {path} not found or incomplete ({detail}). Train one with 'narrascope train {task} --out {path}' or reinstall the package."
    E202 = "Model package '{package}' is not installed ({detail}). Run 'make setup' (or pip install {package})."
    E203 = "Taxonomy file {path} is invalid: {detail}"
    E204 = "[components.narratives] models_by_language routes '{language}' to {spec}, a model trained on {languages} only. Route it to a model trained on it, or map it to \"\" (the default model)."
    # Evaluation / files
    E301 = "{path}: line {line}: {detail}"
    E302 = "Data folder {path} not found. {hint}"
    # Store / API
    E401 = "Database {url}: {detail}"
    E402 = "Unsupported export format '{format}'. Use one of: {available}."
    E403 = "{name} '{value}' is not a date; use YYYY-MM-DD."
    E404 = "Unknown period '{period}'; use day, week or month."
    # Report / Ray engine (E5xx)
    E501 = "Report folder {path} cannot be written: {detail}. Pick another --html folder or fix its permissions."
    E502 = "The Ray engine needs the optional extra: pip install 'narrascope[ray]' ({detail})."
    E503 = "Ray cluster at {address} could not be reached or started: {detail}"
    E504 = "{path}: Parquet file could not be read ({detail})."
    E505 = "Ray run stopped after {done} article(s): {detail}. What finished was delivered; re-run (the store skips what it holds) to resume."


class NarrascopeError(Exception):
    """An error whose message is meant for the user."""

    def __init__(self, template: str, **kwargs):
        code = next((k for k, v in vars(E).items() if v is template), "E000")
        self.code = code
        self.kwargs = kwargs
        try:
            msg = template.format(**kwargs)
        except (KeyError, IndexError):
            msg = template
        super().__init__(f"[{code}] {msg}")


class InputError(NarrascopeError):
    """Bad input file: reported per file, the rest of the batch goes on."""
