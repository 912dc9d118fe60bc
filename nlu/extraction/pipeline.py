"""The finding extractor: a spaCy pipeline on blank English with medspaCy's TargetMatcher and ConText.

Pipeline (built once per rule pack, never at import time):
    tokenizer (spaCy English + whole contractions) -> radix_sentence_splitter
    -> radix_concept_matcher (patterns.RoutedTargetMatcher; span group, overlaps kept)
    -> site / side TargetMatchers -> radix_target_pruner -> medspaCy ConText (scope.modifier_allowed)
    -> findings (status, experiencer, history from ConText; side and site attached by attach.py).

Findings are dicts of the one finding shape (common/finding.py):
    {concept, status, site, laterality, experiencer, historical, text, start, end}
"""

from __future__ import annotations

import copy
import functools
import threading
from pathlib import Path
from typing import Iterable, Iterator

from common.contract import FOOT_AT_LARGE, RED_FLAG_CONCEPTS, REPORTED_DIAGNOSIS_CONCEPTS
from nlu.extraction import attach, episodes, paths, resolve, safety_net, scope, spelling, stories, subject
from nlu.extraction.cleaning import CHUNK_CHARS, MAX_TEXT_CHARS, InputTooLongError, chunks, clean_text
from nlu.extraction.patterns import (CONCEPT_GROUP, RoutedTargetMatcher, TargetPruner, add_rules,
                                     compile_term)
from nlu.extraction.rule_pack import (PATH_WORD_LISTS, VocabularyError, expand_phrase, load_rule_pack,
                                      validate_rule_pack)

__all__ = ["FindingExtractor", "InputTooLongError", "MAX_TEXT_CHARS", "default_extractor"]

SITE_GROUP = "radix_sites"
SIDE_GROUP = "radix_sides"
_SENTENCE_ENDS = frozenset({".", "!", "?", ";"})

_COMPONENTS_REGISTERED = False

_CONTRACTIONS = (
    "can't", "cannot", "couldn't", "don't", "doesn't", "didn't", "won't", "wouldn't", "isn't", "aren't", "wasn't",
    "weren't", "haven't", "hasn't", "hadn't", "shouldn't", "i'm", "i've", "it's", "cant", "dont", "doesnt",
    "didnt", "wont", "couldnt", "isnt", "havent", "hasnt", "im", "ive",
)


def _register_components() -> None:
    """Register the small spaCy components on first build (keeps import free of side effects)."""
    global _COMPONENTS_REGISTERED
    if _COMPONENTS_REGISTERED:
        return
    from spacy.language import Language

    @Language.component("radix_sentence_splitter")
    def radix_sentence_splitter(doc):
        # Only ". ! ? ;" followed by a space, or a line break, end a sentence: "?foot drop"
        # (resident shorthand for "possible foot drop") stays one sentence with its "?".
        # A leading "??" does not make a sentence of its own either.
        has_word = False
        for index, token in enumerate(doc):
            if index == 0:
                token.is_sent_start = True
            else:
                previous = doc[index - 1]
                token.is_sent_start = bool(
                    has_word and ((previous.text in _SENTENCE_ENDS and previous.whitespace_) or "\n" in previous.text)
                )
                if token.is_sent_start:
                    has_word = False
            has_word = has_word or not (token.is_punct or token.is_space)
        return doc

    @Language.factory("radix_concept_matcher")
    def make_concept_matcher(nlp, name):
        return RoutedTargetMatcher()

    @Language.factory("radix_target_pruner")
    def make_target_pruner(nlp, name):
        return TargetPruner()

    @Language.factory("radix_pain_paths")
    def make_pain_paths(nlp, name):
        return paths.PainPaths()

    @Language.factory("radix_onset_stories")
    def make_onset_stories(nlp, name):
        return stories.OnsetStories()

    @Language.factory("radix_safety_net")
    def make_safety_net(nlp, name):
        return safety_net.SafetyNet()

    _COMPONENTS_REGISTERED = True


class FindingExtractor:
    """Extracts findings from free text with a rule pack (see nlu/extraction/rule_pack.py)."""

    def __init__(self, rule_pack: dict, source: str = "rule pack"):
        self._rule_pack = validate_rule_pack(copy.deepcopy(rule_pack), source=source)
        self._concepts = {entry["id"]: entry for entry in self._rule_pack["concepts"]}
        self._nlp = self._build(self._rule_pack)
        self._speller = spelling.Speller(self._rule_pack)
        self._episodes = episodes.PastEpisodes()
        self._episodes.configure(self._rule_pack["stories"], self._nlp.tokenizer)

    @classmethod
    def from_vocabulary(cls, path: str | Path | None = None) -> "FindingExtractor":
        """Build from a vocabulary directory of YAML files (default: the packaged vocabulary)."""
        return cls(load_rule_pack(path), source=str(path) if path else "packaged vocabulary")

    @classmethod
    def from_rule_pack(cls, rule_pack: dict, source: str = "rule pack") -> "FindingExtractor":
        """Rebuild from an in-memory rule pack, e.g. the JSON a trained Rasa model persisted."""
        return cls(rule_pack, source=source)

    @property
    def rule_pack(self) -> dict:
        """A copy of the validated rule pack (JSON-serialisable)."""
        return copy.deepcopy(self._rule_pack)

    @property
    def nlp(self):
        return self._nlp

    # ------------------------------------------------------------------ building

    def _build(self, pack: dict):
        import spacy
        import medspacy  # noqa: F401  (registers the medspacy_* factories and extensions)
        from medspacy.context import ConTextRule
        from medspacy.target_matcher import TargetRule

        _register_components()
        nlp = spacy.blank("en")
        tokenizer = nlp.tokenizer
        # Keep common contractions whole ("can't" not "ca" "n't"): phrases stay one-word alternatives,
        # which keeps the number of compiled token patterns (and matching time) down.
        for word in _CONTRACTIONS:
            for variant in {word, word.capitalize(), word.upper()}:
                tokenizer.add_special_case(variant, [{"ORTH": variant}])
        # A full stop after a lone capital ends the sentence: "weak DF L. now ..." and "denies B+B. failed
        # ..." are a side and a denial that stop there (spaCy keeps "L." and "B+B." whole). Not after an
        # age-sex header ("30F."), whose full stop spaCy keeps too and the subject rules read as it is.
        tokenizer.suffix_search = spacy.util.compile_suffix_regex(
            [*nlp.Defaults.suffixes, r"(?:(?<=^[A-Z])|(?<=[^A-Za-z0-9][A-Z]))\."]).search
        macros = pack["macros"]
        nlp.add_pipe("radix_sentence_splitter")

        concept_rules = []
        label_meta: dict[str, dict] = {}
        for concept in pack["concepts"]:
            for term_index, term in enumerate(concept["terms"]):
                for literal, pattern, absorbs in compile_term(term, macros, tokenizer, "terms.yml",
                                                                    concept["id"]):
                    metadata = {
                        "concept": concept["id"],
                        "also": list(term.get("also", ())),
                        "status": term.get("status", "present"),
                        "site": term.get("site"),
                        "laterality": term.get("laterality"),
                        "asserted": term.get("asserted", False),
                        "absorbs": absorbs and term.get("absorbs", True),
                        "source": term.get("source"),
                        "listed": term.get("listed", False),
                        "not_after": frozenset(term.get("not_after", ())),
                    }
                    # The label identifies the term (and whether it absorbs), see TargetPruner.
                    label = f"{concept['id']}#{term_index}" + ("" if metadata["absorbs"] else "~")
                    label_meta[label] = metadata
                    concept_rules.append(TargetRule(literal, label, pattern=pattern, metadata=metadata))
        site_rules = [
            TargetRule(literal, entry["id"], pattern=pattern, metadata={"site": entry["id"]})
            for entry in pack["sites"]
            for literal, pattern, _ in compile_term(entry, macros, tokenizer, "sites.yml", entry["id"])
        ]
        side_rules = [
            TargetRule(literal, f"SIDE_{entry['value']}", pattern=pattern, metadata={"side": entry["value"]})
            for entry in pack["sides"]
            for literal, pattern, _ in compile_term(entry, macros, tokenizer, "laterality.yml", entry["id"])
        ]
        # Concept matches keep overlaps (radix_target_pruner decides, see _prune_targets) and go through
        # RoutedTargetMatcher, which runs only the medspaCy TargetMatchers whose anchor word occurs.
        router = nlp.add_pipe("radix_concept_matcher")
        router.build(nlp, concept_rules, CONCEPT_GROUP)
        part_rules = [
            TargetRule(literal, part["concept"], pattern=pattern)
            for part in pack["paths"]["parts"]
            for literal, pattern, _ in compile_term(part, macros, tokenizer, "paths.yml", part["concept"])
        ]
        for name, group, rules in (
            ("radix_site_matcher", SITE_GROUP, site_rules),
            ("radix_side_matcher", SIDE_GROUP, side_rules),
            ("radix_part_matcher", paths.PART_GROUP, part_rules),
        ):
            matcher = nlp.add_pipe(
                "medspacy_target_matcher", name=name,
                config={"result_type": "group", "span_group_name": group, "prune": True},
            )
            add_rules(matcher, rules, name)
        words = {key: [word for phrase in pack["paths"].get(key, ())
                       for word in expand_phrase(phrase, macros, "paths.yml", key)] for key in PATH_WORD_LISTS}
        nlp.add_pipe("radix_pain_paths").configure(words["cues"], words["motions"], words["links"], words["filler"],
                                                   words["sensory"], words["origins"])
        for part in pack["paths"]["parts"]:
            # A part reached by a path is a plain finding of its concept (see paths.py).
            label_meta[part["concept"] + paths.PATH_LABEL] = {
                "concept": part["concept"], "also": [], "status": "present", "site": None, "laterality": None,
                "asserted": False, "absorbs": False, "source": None}
        nlp.add_pipe("radix_target_pruner").label_meta = label_meta
        # Onset stories join after pruning: "my back went" (back pain) must not absorb "back went".
        nlp.add_pipe("radix_onset_stories").configure(pack["stories"], macros["side_word"])
        label_meta[stories.STORY_LABEL] = dict(stories.META)
        # Loose red-flag mentions (safety_net.py) join the targets after pruning too, so none is absorbed.
        nlp.add_pipe("radix_safety_net").configure(pack["safety_net"], nlp.tokenizer)
        label_meta.update(safety_net.net_label_meta(
            {area["concept"] for area in pack["safety_net"]["areas"]} | {safety_net.SUDDEN, safety_net.WEAKNESS}))
        self._label_meta = label_meta

        context = nlp.add_pipe(
            "medspacy_context",
            config={"rules": None, "span_attrs": None, "input_span_type": "group",
                    "span_group_name": CONCEPT_GROUP, "prune_on_target_overlap": True},
        )
        context_rules = []
        for entry in pack["modifiers"]:
            on_modifies = functools.partial(scope.call_modifier_allowed, category=entry["category"],
                                            label_meta=label_meta, modifier_id=entry["id"])
            # A modifier of some concepts only: medspaCy then also leaves the scope of other modifiers of
            # its category alone ("physios" must not cut short "warning card: ...").
            allowed = {label for label, meta in label_meta.items()
                       if meta["concept"] in entry["applies_to"]} if "applies_to" in entry else None
            for literal, pattern, _ in compile_term(entry, macros, tokenizer, "context.yml", entry["id"]):
                context_rules.append(ConTextRule(
                    literal, entry["category"], pattern=pattern, direction=entry["direction"],
                    max_scope=entry.get("max_scope"), terminated_by=set(entry.get("terminated_by", ())),
                    allowed_types=allowed,
                    on_modifies=on_modifies, metadata={"id": entry["id"]},
                ))
        try:
            context.add(context_rules)
        except ValueError as error:
            raise VocabularyError(str(error), file="context.yml", key="tokens") from None
        return nlp

    # ------------------------------------------------------------------ extraction

    def extract(self, text: str) -> list[dict]:
        """Findings in `text`, in text order. Never raises on odd input except InputTooLongError."""
        if not isinstance(text, str):
            raise TypeError(f"text must be a string, not {type(text).__name__}")
        if len(text) > MAX_TEXT_CHARS:
            raise InputTooLongError(
                f"Text is {len(text):,} characters; the extractor handles at most {MAX_TEXT_CHARS:,}. "
                "Send a shorter description."
            )
        repaired = self._speller.repair(clean_text(text))
        findings: list[dict] = []
        referents: list[str | None] = []
        family: list[bool] = []
        past: list[bool] = []
        net: list[bool] = []
        story: list[bool] = []
        sentences: list[tuple] = []
        severe: list[tuple[int, int]] = []      # severity words' offsets (safety_net.severe_weakness)
        last_side: list[str | None] = [None]
        sides_told: list[str] = []              # every side term of the text, for resolve.one_side
        carried: list[str | None] = [None]      # the person the previous chunk ended talking about
        episode: list[bool] = [False]           # a past episode still open at the end of the previous chunk
        for offset, chunk in chunks(repaired.text, CHUNK_CHARS):
            if not chunk.strip():
                continue
            doc = self._nlp(chunk)
            in_episode, revived = self._episodes.carried(doc, episode)
            for finding, key, is_family, is_past, label, sentence in self._findings_from_doc(
                    doc, offset, text, last_side, carried, repaired, sides_told):
                if sentence in in_episode and finding["concept"] not in REPORTED_DIAGNOSIS_CONCEPTS:
                    finding["historical"] = True        # a past episode told over several sentences
                elif sentence in revived and finding["concept"] in RED_FLAG_CONCEPTS and finding["status"] == "present":
                    # An old episode's red flag that only a general "still" brings to now: asked, not alarmed on.
                    finding["status"] = "uncertain"
                findings.append(finding)
                referents.append(key)
                family.append(is_family)
                past.append(is_past)
                net.append(safety_net.is_net_label(label))
                story.append(label == stories.STORY_LABEL)
                sentences.append((offset, sentence))
            severe += [(repaired.original(offset + span.start_char),
                        repaired.original(offset + span.end_char, end=True))
                       for span in doc.spans.get(safety_net.SEVERE_GROUP, ())]
        subject.assign_experiencers(findings, referents, family, past, subject.writer_sets_apart(text), counted=[
            not is_net for is_net in net])
        stories.onset_of_what(findings, story, sentences)
        stories.graded_mild(findings, text, severe)
        findings = safety_net.severe_weakness(
            safety_net.keep_net_findings(findings, net, sentences, text), severe, text)
        findings = resolve.answered_after_colon(findings, text)
        findings = resolve.excepted(resolve.settled_red_flags(resolve.coordinated_sphincters(findings, text)), text)
        sides_told = set(sides_told) | {f["laterality"] for f in findings if f["laterality"]}
        return resolve.one_duration(resolve.still_there(resolve.one_side(findings, sides_told, text), text), text)

    def pipe(self, texts: Iterable[str]) -> Iterator[list[dict]]:
        for text in texts:
            yield self.extract(text)

    def _findings_from_doc(self, doc, offset: int, original: str, last_side: list, carried: list,
                           repaired: spelling.Repair, sides_told: list) -> list[tuple]:
        """(finding, referent, family history?, a relative's past?, target label, sentence start) per
        finding; experiencers are set per text afterwards (subject.py), net findings kept or not by
        safety_net.keep_net_findings."""
        sides = attach.resolve_sides(doc.spans.get(SIDE_GROUP, []), last_side)
        sides_told.extend(side for _, side in sides)
        mentions = subject.person_mentions(doc)
        sites = list(doc.spans.get(SITE_GROUP, []))
        findings = []
        targets = list(doc.spans.get(CONCEPT_GROUP, []))
        # Modifiers per target from ConText's graph: span._.modifiers is stored per (start, end), so two
        # concepts on the same words ("DPN": diabetes and a neuropathy diagnosis) would share theirs.
        modifiers: dict[tuple, set] = {}
        for edge_target, modifier in doc._.context_graph.edges:
            modifiers.setdefault((edge_target.start, edge_target.end, edge_target.label_), set()).add(modifier.category)
        for target in targets:
            meta = self._label_meta[target.label_]
            categories = modifiers.get((target.start, target.end, target.label_), set())
            if scope.CATEGORY_HYPOTHETICAL in categories:
                continue        # "go to A&E if you go numb down below": advice, not a finding
            is_net = safety_net.is_net_label(target.label_)
            if is_net and categories & {scope.CATEGORY_NEGATED, scope.CATEGORY_HISTORICAL, scope.CATEGORY_OTHER}:
                continue        # a denied, past or family-history mention is no reason to ask
            if meta["source"] is not None and (scope.CATEGORY_REPORTED in categories) != (meta["source"] == "required"):
                continue        # "doc says sciatica" is a diagnosis; "my sciatica" is the pain
            status = meta["status"]
            if scope.CATEGORY_NEGATED in categories and meta["concept"] == resolve.DURATION:
                # "havent needed the catheters for a year", "no imaging for 4-6/52": no complaint's duration
                continue
            if scope.CATEGORY_NEGATED in categories:
                # "no foot drop" -> absent; "not normal heel walk" -> present; "no ?reduced AJ" -> absent
                status = "present" if status == "absent" else "absent"
            elif scope.CATEGORY_UNCERTAIN in categories and status == "present":
                status = "uncertain"
            concept = self._concepts[meta["concept"]]
            laterality = meta["laterality"]
            if laterality is None and concept.get("lateralized", True):
                laterality = attach.nearest_side(target, sides)
            site = meta["site"]
            if site is None and concept.get("sited", True):
                on_path = target.label_.endswith(paths.PATH_LABEL)
                site = attach.nearest_site(target, sites, max_gap=3 if on_path else 6, before_only=on_path)
                if site == FOOT_AT_LARGE and (meta["concept"] not in attach.FOOT_WIDE_CONCEPTS
                                                    or attach.leg_named_near(target)):
                    site = None
            concept_id = meta["concept"]
            at_site = concept.get("at_site")
            also = list(meta["also"])
            listed = [label for label in at_site or () if attach.listed_after_limb(target, sites, label, targets)]
            listed_site = {}
            if listed:
                # "no feeling in my legs or in the saddle area": the legs' numbness and the saddle's
                also.append(at_site[listed[0]])
                listed_site = {at_site[listed[0]]: listed[0]}
                at_site, site = None, (None if site in at_site else site)
            elif at_site and any(attach.limb_before_site(target, sites, label) for label in at_site):
                # "a numb right leg and a tingly bum cheek": the leg's numbness, not the saddle's
                at_site, site = None, (None if site in at_site else site)
            if at_site:
                remote = site if site in at_site else (
                    attach.remote_site(target, sites, set(at_site), targets) if site is None else None)
                # "L buttock numbness, tingling down the back of the thigh": one buttock is the leg's nerve,
                # not the saddle where you sit (the safety net still asks about the saddle).
                one_buttock = remote == "buttock" and attach.one_sided_site(target, sites, sides, remote)
                if remote is not None and not one_buttock:
                    if attach.limbs_too(target):
                        # "pins and needles all over my legs and down below": the legs and the saddle
                        also.append(at_site[remote])
                    else:
                        concept_id, site = at_site[remote], remote
                        laterality = None
            # Offsets in the user's own text (spelling repair may have changed word lengths).
            start = repaired.original(offset + target.start_char)
            end = repaired.original(offset + target.end_char, end=True)
            key = subject.referent(target, mentions,
                                   subject.last_referent(mentions, target.sent.start, carried[0]),
                                   ahead=meta["concept"] == "sudden_onset")
            past = subject.told_in_the_past(target, key)
            for concept_id in [concept_id, *also]:
                # The one finding shape (common/finding.py), built directly: Finding.to_dict's deep copy
                # costs more than the rest of a short message's post-processing.
                side = laterality if self._concepts[concept_id].get("lateralized", True) else None
                # "my right leg hurts and my big toe is numb": a site nearby the concept cannot have is not its own
                own_site = listed_site.get(concept_id) or (
                    site if site in self._concepts[concept_id].get("sites", (site,)) else None)
                findings.append(({
                    "concept": concept_id, "status": status, "site": own_site, "laterality": side,
                    "experiencer": "patient",       # set per text by subject.assign_experiencers
                    # A diagnosis given in the past is still the person's diagnosis ("diagnosed in May"),
                    # and a history of diabetes is diabetes now ("PMH: DM, HTN").
                    "historical": scope.CATEGORY_HISTORICAL in categories and not lasting(concept_id),
                    "text": original[start:end], "start": start, "end": end,
                }, key, scope.CATEGORY_OTHER in categories, past, target.label_, target.sent.start))
        carried[0] = subject.last_referent(mentions, len(doc), carried[0])
        return findings


def lasting(concept_id: str) -> bool:
    """A reported diagnosis or diabetes: a history of it ("hx of", "PMH", "diagnosed in May") is the person's
    condition now. A past episode told as a story stays past (see _findings_from_doc's caller)."""
    return concept_id.startswith("dx_") or concept_id == "diabetes"


_DEFAULT_LOCK = threading.Lock()
_DEFAULT_EXTRACTOR: FindingExtractor | None = None


def default_extractor() -> FindingExtractor:
    """The extractor for the packaged vocabulary, built on first use and cached."""
    global _DEFAULT_EXTRACTOR
    with _DEFAULT_LOCK:
        if _DEFAULT_EXTRACTOR is None:
            _DEFAULT_EXTRACTOR = FindingExtractor.from_vocabulary()
        return _DEFAULT_EXTRACTOR
