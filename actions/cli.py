"""`radix` command line: assess, coverage, bench, answer, eval, kb sync, case show.

Errors print one line on stderr and exit with status 2; no tracebacks.
"""

from __future__ import annotations

import argparse
import json
import sys

EXIT_ERROR = 2
MAX_TEXT_CHARS = 20_000


class CliError(Exception):
    """A user-facing error: printed on stderr, exit status 2."""


_KNOWLEDGE_DIR: list[str | None] = [None]   # set from --knowledge by main()


def _knowledge():
    from actions.engine import load_knowledge

    return load_knowledge(_KNOWLEDGE_DIR[0])


def _extract(text: str) -> list[dict]:
    if not text.strip():
        raise CliError("empty text: give a description of the symptoms")
    if len(text) > MAX_TEXT_CHARS:
        raise CliError(f"text too long ({len(text)} characters; limit {MAX_TEXT_CHARS})")
    try:
        from nlu.extraction import extract_findings
    except ImportError:
        raise CliError("free-text extraction is not available (nlu.extraction is missing); "
                       "use --findings FILE") from None
    try:
        return extract_findings(text)
    except Exception as exc:  # the extractor is another component: report, do not crash
        raise CliError(f"could not extract findings from the text: {exc}") from None


def _read_findings(path: str):
    try:
        raw = sys.stdin.read() if path == "-" else open(path, encoding="utf-8").read()
    except OSError as exc:
        raise CliError(f"cannot read findings file {path}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise CliError(f"findings file {path} is not UTF-8 text") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise CliError(f"invalid findings JSON in {path}: {exc.msg} (line {exc.lineno}, "
                       f"column {exc.colno})") from None
    if not isinstance(data, list):
        raise CliError(f"findings JSON in {path} must be a list of finding objects")
    return data


def _assess_one(findings, knowledge, audience: str) -> dict:
    from actions.engine import FindingError, assess

    try:
        return assess(findings, knowledge=knowledge, audience=audience).to_dict()
    except FindingError as exc:
        raise CliError(f"invalid findings: {exc}") from None


def _render_text(result: dict) -> str:
    lines = [f"triage: {result['triage']}"]
    for flag in result["red_flags"]:
        lines.append(f"RED FLAG: {flag['text']}")
    for check in result["red_flag_checks"]:
        lines.append(f"CHECK ({check['reason']}): {check['concept']}: {check['text']!r}")
    for away in result["red_flags_one_answer_away"]:
        lines.append(f"HALF-MET RED FLAG: {away['label']}: {', '.join(map(repr, away['found']))}; "
                     f"ask first: {', '.join(away['completing'][:5])}")
    if result["red_flag_screen"]:
        lines.append(f"not yet asked: {', '.join(result['red_flag_screen'])}")
    for diagnosis in result["reported_diagnoses"]:
        lines.append(f"reported: {diagnosis['label']} ({diagnosis['text']!r})")
    for item in result["considerations"]:
        lines.append(f"- {item['label']} (score {item['score']:g})")
    for question in result["next_questions"][:3]:
        lines.append(f"? {question['question']}")
    for item in result["advice"]:
        lines.append(f"[{item['kind']}] {item['text']}")
    lines.append(f"kb_version: {result['kb_version']}")
    return "\n".join(lines)


def _summary_one(findings, knowledge, audience: str) -> dict:
    """The case summary of a one-shot text (no case id, no red-flag screen asked)."""
    from actions.dialogue.summary import build_summaries, screen_answers, summary_date
    from actions.engine import FindingError

    try:
        return build_summaries(case_id=None, date=summary_date(), findings=findings,
                               screen=screen_answers(findings, (), (), ()), corrections=[],
                               knowledge=knowledge)[audience]
    except FindingError as exc:
        raise CliError(f"invalid findings: {exc}") from None


def _emit_one(findings, knowledge, args) -> None:
    """One assessment, or with --summary the case summary, as text or JSON."""
    if args.summary:
        from common.render.text import render_text

        reply = _summary_one(findings, knowledge, args.audience)
        print(json.dumps(reply, ensure_ascii=False) if args.json else render_text(reply))
        return
    result = _assess_one(findings, knowledge, args.audience)
    print(json.dumps(result, ensure_ascii=False) if args.json else _render_text(result))


def cmd_assess(args) -> int:
    knowledge = _knowledge()
    if args.findings is not None:
        if args.text is not None:
            raise CliError("give either TEXT or --findings FILE, not both")
        _emit_one(_read_findings(args.findings), knowledge, args)
        return 0
    if args.text is None:
        raise CliError("nothing to assess: give TEXT, '-' for one text per line on stdin, "
                       "or --findings FILE")
    if args.text != "-":
        _emit_one(_extract(args.text), knowledge, args)
        return 0
    status = 0
    for line in sys.stdin:
        text = line.rstrip("\n")
        try:
            _emit_one(_extract(text), knowledge, args)
        except CliError as exc:
            # Keep one output line per input line so callers can align results.
            print(json.dumps({"error": str(exc)}) if args.json else f"error: {exc}")
            status = EXIT_ERROR
    return status


def cmd_coverage(args) -> int:
    knowledge = _knowledge()
    cited = knowledge.coverage()
    unused, boilerplate = [], 0
    for article in knowledge.articles.values():
        print(f"== {article.id}: {article.title}")
        for passage in article.passages:
            rules = cited[passage.id]
            if passage.kind == "chrome":
                boilerplate += 1
            if passage.clinical and not rules:
                unused.append(passage)
            marker = ", ".join(rules) if rules else ("-" if passage.clinical else f"({passage.kind})")
            print(f"  {passage.id} [{passage.kind}] {passage.text[:70]!r} <- {marker}")
    clinical = [p for p in knowledge.passages.values() if p.clinical]
    print(f"\nclinical passages: {len(clinical)}, cited: {len(clinical) - len(unused)}, "
          f"unused: {len(unused)}")
    for passage in unused:
        print(f"  UNUSED {passage.id}: {passage.text[:100]!r}")
    print(f"boilerplate (chrome) passages: {boilerplate}")
    print(f"rules: {len(knowledge.rules)}, kb_version: {knowledge.kb_version}")
    return 0


def cmd_bench(args) -> int:
    from actions.engine.bench import run_bench

    if args.n < 1:
        raise CliError("--n must be at least 1")
    figures = run_bench(_knowledge(), n=args.n)
    print(f"assessments: {figures['assessments']}  seconds: {figures['seconds']:.3f}  "
          f"per second: {figures['per_second']:.0f}  ms/assessment: "
          f"{figures['ms_per_assessment']:.3f}")
    return 0


def cmd_answer(args) -> int:
    try:
        items = _knowledge().answer(args.topic, args.audience, args.subject)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    print(json.dumps(items, ensure_ascii=False, indent=None if args.json else 2))
    return 0


def cmd_eval(args) -> int:
    from actions.evaluation import main as evaluation_main

    argv = [item for path in args.set or () for item in ("--set", path)]
    return evaluation_main(argv + (["--details"] if args.details else []))


def cmd_kb_sync(args) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from actions.storage import make_session_factory, sync_knowledge

    knowledge = _knowledge()
    try:
        with make_session_factory(args.db_url)() as session:
            written = sync_knowledge(session, knowledge)
    except (SQLAlchemyError, OSError) as exc:
        raise CliError(f"database error: {exc.__class__.__name__}: {str(exc).splitlines()[0]}") \
            from None
    state = "synced" if written else "already up to date"
    print(f"{state}: kb_version {knowledge.kb_version}, {len(knowledge.articles)} articles, "
          f"{len(knowledge.passages)} passages, {len(knowledge.rules)} rules")
    return 0


def cmd_case_show(args) -> int:
    """The summary of a case's latest consult, from the database: the text shown at the time."""
    from sqlalchemy.exc import SQLAlchemyError

    from actions.storage import latest_consult, make_session_factory
    from common.render.text import render_text

    try:
        with make_session_factory(args.db_url)() as session:
            found = latest_consult(session, args.case_id)
    except (SQLAlchemyError, OSError) as exc:
        raise CliError(f"database error: {exc.__class__.__name__}: {str(exc).splitlines()[0]}") \
            from None
    if found is None:
        raise CliError(f"no consult recorded for case {args.case_id!r}")
    consult, stored = found
    if stored is None:
        raise CliError(f"case {args.case_id!r} was recorded before case summaries were stored "
                       f"(consult {consult.id}); there is no summary to show")
    audience = args.audience or consult.audience
    reply = stored.summaries[audience]
    if not args.json:
        print(render_text(reply))
        return 0
    # The summary and what it was made from, never the raw findings: the user's words in them may
    # hold identifiers the summary leaves out.
    print(json.dumps({"case_id": consult.case_id, "consult_id": consult.id, "audience": audience,
                      "created_at": consult.created_at.isoformat(), "triage": consult.triage,
                      "kb_version": consult.kb_version, "rules_fired": consult.rules_fired,
                      "screen": stored.screen, "summary": reply, "text": render_text(reply)},
                     ensure_ascii=False))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="radix", description="Radix knowledge base and engine")
    parser.add_argument("--knowledge", metavar="DIR",
                        help="knowledge folder to load (default: the packaged one)")
    sub = parser.add_subparsers(dest="command", required=True)

    assess = sub.add_parser("assess", help="assess a text or a findings file")
    assess.add_argument("text", nargs="?", help="free text, or '-' for one text per line on stdin")
    assess.add_argument("--json", action="store_true", help="print JSON (one object per text)")
    assess.add_argument("--audience", choices=("clinician", "patient"), default="clinician")
    assess.add_argument("--findings", metavar="FILE", help="findings as a JSON list ('-' = stdin)")
    assess.add_argument("--summary", action="store_true",
                        help="print the case summary (the note or the patient's screen) instead")
    assess.set_defaults(func=cmd_assess)

    sub.add_parser("coverage", help="passages per article with the rules citing them"
                   ).set_defaults(func=cmd_coverage)

    bench = sub.add_parser("bench", help="print assessments per second")
    bench.add_argument("--n", type=int, default=5000)
    bench.set_defaults(func=cmd_bench)

    answer = sub.add_parser("answer", help="what the corpus says on a topic")
    answer.add_argument("topic")
    answer.add_argument("--subject")
    answer.add_argument("--audience", choices=("clinician", "patient"), default="clinician")
    answer.add_argument("--json", action="store_true")
    answer.set_defaults(func=cmd_answer)

    evaluation = sub.add_parser("eval", help="score extraction, triage and ranking on the evaluation sets")
    evaluation.add_argument("--set", action="append", help="a set to score (repeatable; default: all five)")
    evaluation.add_argument("--details", action="store_true", help="list every miss (never on the test split)")
    evaluation.set_defaults(func=cmd_eval)

    kb = sub.add_parser("kb", help="knowledge base storage")
    kb_sub = kb.add_subparsers(dest="kb_command", required=True)
    sync = kb_sub.add_parser("sync", help="write the knowledge into the database (idempotent)")
    sync.add_argument("--db-url", help="SQLAlchemy URL (default: $RADIX_DB_URL or var/radix.db)")
    sync.set_defaults(func=cmd_kb_sync)

    case = sub.add_parser("case", help="recorded cases")
    case_sub = case.add_subparsers(dest="case_command", required=True)
    show = case_sub.add_parser("show", help="the summary of a case's latest consult, from the database")
    show.add_argument("case_id", metavar="CASE_ID")
    show.add_argument("--json", action="store_true", help="print the structured summary and its record as JSON")
    show.add_argument("--audience", choices=("clinician", "patient"),
                      help="whose summary (default: the audience the consult was given to)")
    show.add_argument("--db-url", help="SQLAlchemy URL (default: $RADIX_DB_URL or var/radix.db)")
    show.set_defaults(func=cmd_case_show)
    return parser


def main(argv: list[str] | None = None) -> int:
    from actions.engine import KnowledgeError

    args = build_parser().parse_args(argv)
    _KNOWLEDGE_DIR[0] = args.knowledge
    try:
        status = args.func(args)
    except CliError as exc:
        print(f"radix: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KnowledgeError as exc:
        print(f"radix: knowledge error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # last resort: a message, never a traceback
        print(f"radix: internal error: {exc.__class__.__name__}: {exc}", file=sys.stderr)
        return EXIT_ERROR
    sys.stdout.flush()
    return status


if __name__ == "__main__":
    sys.exit(main())
