"""The finding contract: every id the extractor, the slots, the engine and the renderers share.

Each fact is defined here once. The vocabulary (nlu/extraction/vocabulary), the rules
(actions/knowledge/rules), the slots (bot/domain/findings.yml, generated from CONCEPTS) and the
wording (common/wording/*.yml) are checked against these tuples when they load and by
tests/common/test_contract_agreement.py.
"""
from __future__ import annotations

# Findings Radix understands, in the order slots, questions and reports list them.
CONCEPTS = (
    "foot_pain", "numbness", "tingling", "burning_pain", "shooting_pain", "weakness", "foot_drop",
    "heel_walk_weakness", "toe_walk_weakness", "leg_pain", "back_pain", "buttock_pain", "thigh_pain",
    "saddle_anesthesia", "bladder_dysfunction", "bowel_dysfunction", "patellar_reflex_absent",
    "achilles_reflex_absent", "worse_standing_walking", "relief_sitting_flexion",
    "toe_clawing_weight_bearing", "sudden_onset", "muscle_atrophy", "diabetes",
    "leg_heaviness_cramping", "difficulty_walking", "symptoms_persist_weeks",
) + (
    # Diagnoses a clinician, physio or scan already gave ("MRI showed stenosis at L4-5", "told I have
    # spondylolisthesis"): findings of the same shape, but the assessment lists them as reported, never
    # as Radix's own finding, and never asks about them.
    "dx_prolapsed_disc", "dx_lumbar_spinal_stenosis", "dx_spondylolisthesis", "dx_piriformis_syndrome",
    "dx_sciatica", "dx_lumbar_radiculopathy", "dx_peripheral_neuropathy", "dx_foot_dystonia",
    "dx_cauda_equina",
)
# The reported-diagnosis concepts above ("dx_" + the condition the real-language sets annotate).
REPORTED_DIAGNOSIS_CONCEPTS = tuple(c for c in CONCEPTS if c.startswith("dx_"))
# What people tell about themselves (every concept that is not a reported diagnosis).
SYMPTOM_CONCEPTS = tuple(c for c in CONCEPTS if c not in REPORTED_DIAGNOSIS_CONCEPTS)
# Where on the body a finding is. "foot" is the foot (feet, toes) told with no more precise part; the
# real-language sets do not annotate it, so a gold finding without a site matches it.
SITES = (
    "sole", "dorsum", "big_toe", "foot", "shin", "lateral_calf", "calf", "anterior_thigh", "lateral_thigh",
    "perianal", "groin", "buttock",
)
# The foot told with no more precise part; the sites in the foot; those in the leg below the buttock; and
# those of the saddle area, where numbness is a red flag.
FOOT_AT_LARGE = "foot"
FOOT_SITES = ("sole", "dorsum", "big_toe", FOOT_AT_LARGE)
LEG_SITES = ("shin", "lateral_calf", "calf", "anterior_thigh", "lateral_thigh")
SADDLE_SITES = ("perianal", "groin")
STATUSES = ("present", "absent", "uncertain")
LATERALITIES = ("left", "right", "bilateral")
# Rules may also test "unilateral" (left or right).
TEST_LATERALITIES = LATERALITIES + ("unilateral",)
# patient = the person the consultation is about (the user, or the relative a caregiver describes);
# other = anyone else (family history, a friend's story).
EXPERIENCERS = ("patient", "other")
AUDIENCES = ("clinician", "patient")
# Least to most severe; the engine's triage is the most severe level a fired rule sets.
TRIAGE_LEVELS = ("self-care", "routine", "urgent", "emergency")
# Concepts whose mention is a red flag of the articles (cauda equina, sudden severe weakness).
RED_FLAG_CONCEPTS = ("saddle_anesthesia", "bladder_dysfunction", "bowel_dysfunction", "sudden_onset")
# The weakness findings that make "sudden severe weakness" with sudden_onset (red_flags.yml's rule lists them).
WEAKNESS_CONCEPTS = ("weakness", "foot_drop", "heel_walk_weakness", "toe_walk_weakness")
# The red flags of the articles a conversation screens for before any non-emergency result
# (bladder/bowel control, saddle/groin numbness, sudden severe weakness), in asking order.
RED_FLAG_SCREEN = ("bladder_dysfunction", "bowel_dysfunction", "saddle_anesthesia", "sudden_onset")
# Input channels, by the name Rasa records as the tracker's input channel.
CHANNELS = ("rest", "web", "slack", "sms")
# Residents use Slack; patients and the public use the web widget, SMS and plain REST.
DEFAULT_AUDIENCE = {"slack": "clinician", "web": "patient", "sms": "patient", "rest": "patient"}
# The extractor's name on the entities it adds (Rasa component class name).
EXTRACTOR_NAME = "RadixFindingExtractor"


def triage_rank(level: str) -> int:
    """0 for self-care ... 3 for emergency."""
    return TRIAGE_LEVELS.index(level)


def default_audience(channel: str | None) -> str:
    return DEFAULT_AUDIENCE.get(channel or "rest", "patient")
