"""The ``narrascope`` command line.

Commands live in one module each (``narrascope/cli/<name>.py``) and register
themselves with ``@command("verb [noun]")``; this file only builds the parser.
"""
from __future__ import annotations

import argparse
import importlib
import sys
from typing import Callable

from ..errors import NarrascopeError

# Modules that define commands, imported in this order.
COMMAND_MODULES = ["analyze", "narratives", "roles", "explanations", "store", "serve"]

VERB_HELP = {
    "train": "train a model (narratives, roles) on SemEval-format data",
    "predict": "write official SemEval prediction files (narratives, roles, explanations)",
    "evaluate": "score prediction files against gold with the official metrics",
    "db": "manage the corpus database (upgrade, claims, info)",
}

_COMMANDS: dict[str, tuple[str, list, Callable]] = {}


def arg(*names, **kwargs):
    return names, kwargs


def command(name: str, help: str = "", args: list | None = None):
    """Register ``run(args) -> int`` as the command ``name`` ("analyze", "predict narratives")."""

    def deco(fn: Callable) -> Callable:
        _COMMANDS[name] = (help, args or [], fn)
        return fn

    return deco


def build_parser() -> argparse.ArgumentParser:
    for mod in COMMAND_MODULES:
        try:
            importlib.import_module(f"{__name__}.{mod}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{mod}":
                raise
    from .. import __version__

    parser = argparse.ArgumentParser(prog="narrascope", description="Who claims what about the war, on what sourcing, serving which narratives.")
    parser.add_argument("--version", action="version", version=f"narrascope {__version__}")
    verbs = parser.add_subparsers(dest="verb", metavar="COMMAND")
    verb_parsers: dict[str, argparse._SubParsersAction] = {}
    for name in sorted(_COMMANDS):
        help_, arglist, fn = _COMMANDS[name]
        verb, _, noun = name.partition(" ")
        if noun:
            if verb not in verb_parsers:
                vp = verbs.add_parser(verb, help=VERB_HELP.get(verb, f"{verb} a task's model or outputs"))
                verb_parsers[verb] = vp.add_subparsers(dest="noun", metavar="TASK", required=True)
            p = verb_parsers[verb].add_parser(noun, help=help_, description=help_)
        else:
            p = verbs.add_parser(verb, help=help_, description=help_)
        for names, kwargs in arglist:
            p.add_argument(*names, **kwargs)
        p.set_defaults(_run=fn)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "_run", None):
        parser.print_help()
        return 2
    try:
        return int(args._run(args) or 0)
    except NarrascopeError as exc:
        print(f"narrascope: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("narrascope: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
