"""Error catalogue: every message a user can see, with a code to search for."""

from __future__ import annotations


class KgraphError(Exception):
    """Base class for kgraph errors; the CLI prints these as one line, no traceback."""


class InputError(KgraphError):
    """An input file could not be read as an article."""


class LexiconError(KgraphError):
    """A lexicon or gazetteer file is malformed."""


class OntologyError(KgraphError):
    """The ontology or a name that should be in it is missing or wrong."""


class QueryError(KgraphError):
    """A SPARQL query could not be found, parsed or run."""


class PushError(KgraphError):
    """A remote SPARQL server could not be reached or refused a push."""


class ValidationError(KgraphError):
    """The SHACL shapes to validate a graph against could not be read."""


class Errors:
    """Message templates. Format with keyword arguments; the code prefixes the text."""

    E001 = "[E001] {path}: file is empty"
    E002 = "[E002] {path}: binary file, not text ({detail})"
    E003 = "[E003] {path}: not valid UTF-8 text at byte {offset}"
    E004 = "[E004] {path}: cannot read file: {detail}"
    E005 = "[E005] {path}: unsupported file type '{suffix}'. Supported: {supported}"
    E006 = "[E006] {path}: invalid JSON: {detail}"
    E007 = "[E007] {path}:{line}: invalid JSON line: {detail}"
    E008 = "[E008] {path}: no article text found (looked for fields {fields})"
    E009 = "[E009] {path}: no such file or folder"
    E010 = "[E010] Lexicon {path}:{line}: unknown relation '{rel}'. Known: {known}"
    E011 = "[E011] Lexicon {path}:{line}: {detail}"
    E012 = "[E012] Gazetteer {path}:{line}: {detail}"
    E013 = "[E013] Unsupported language '{lang}'. Supported: {supported}"
    E014 = "[E014] {path}: no article text found in the HTML page ({detail})"
    E015 = "[E015] {path}: not valid {encoding} text at byte {offset}"
    E016 = "[E016] {path}: language not recognised as {supported}; give it with --lang"
    E017 = (
        "[E017] No trained English parser is installed (looked for {packages}). Install it "
        "with 'pip install --require-hashes --no-deps -r requirements/parser.txt'."
    )
    E018 = "[E018] Unknown relation extractor '{extractor}'. Choose one of: {choices}"
    E019 = (
        "[E019] {path}: article is {size:,} characters long, over the limit of {limit:,}; "
        "split it into articles (a file each, or one JSON line each)"
    )
    E027 = (
        "[E027] {path}: sentence at character {offset:,} is {tokens:,} tokens long, over the "
        "limit of {limit:,}; not searched for statements (the rest of the article is)"
    )
    E028 = "[E028] {path}: symbolic link loop ({detail}); not followed"
    E020 = "[E020] Unknown named query '{name}'. Available: {available}"
    E021 = "[E021] SPARQL error: {detail}"
    E022 = "[E022] {path}: cannot load graph: {detail}"
    E023 = "[E023] Query parameter '{param}' is not of the form key=value"
    E024 = "[E024] Named query '{name}' needs parameter {missing}. Give it with --param {usage}"
    E025 = "[E025] Query has no parameter '{param}'. Its parameters: {known}"
    E026 = "[E026] No actor named '{name}' (labels, preferred and alternative names, any case)"
    E030 = "[E030] Unknown export format '{name}'. Available: {available}"
    E040 = "[E040] Gold file {path}:{line}: {detail}"
    E050 = (
        "[E050] {endpoint}: HTTP 401 Unauthorized: the server refused the user name or "
        "password (give --user, and --password or KGRAPH_PUSH_PASSWORD)"
    )
    E051 = "[E051] {endpoint}: HTTP 403 Forbidden: this user may not write graphs there ({detail})"
    E052 = "[E052] {endpoint}: HTTP 404 Not Found: no SPARQL endpoint at this address"
    E053 = "[E053] {endpoint}: HTTP {status} {reason} while pushing graph <{graph}>: {detail}"
    E054 = (
        "[E054] {endpoint}: cannot tell the Graph Store Protocol URL from this endpoint; "
        "give it with --graph-store (Virtuoso: .../sparql-graph-crud-auth)"
    )
    E055 = "[E055] Unknown push method '{method}'. Choose one of: {choices}"
    E056 = "[E056] Batch size must be at least 1, not {size}"
    E057 = "[E057] {endpoint}: cannot connect: {detail}"
    E058 = (
        "[E058] Nothing to push: {source} has no named graphs (a Turtle or N-Triples file "
        "holds only a default graph; push a store folder written by build, or a TriG file)"
    )
    E060 = "[E060] Cannot connect to the Dask scheduler at {address}: {detail}"
    E061 = (
        "[E061] --dask needs dask.distributed, which is not installed: pip install 'kgraph[dask]'"
    )
    E062 = "[E062] The Dask scheduler at {address} has no workers (waited {wait:g} s)"
    E063 = (
        "[E063] The Dask workers of {address} cannot run this kgraph: {detail}. Install "
        "the same kgraph version on every machine"
    )
    E064 = (
        "[E064] {path}: {count} Dask workers died extracting it, the last one {worker} "
        "(out of memory? see the workers' logs)"
    )
    E070 = "[E070] {path}: cannot load SHACL shapes: {detail}"
    E071 = "[E071] {path}: not SHACL shapes kgraph validate can use: {detail}"
