"""The everyday words people answer with, as patterns over normalised text (see ``normalise``).

Pure data and regular expressions: no Rasa, no engine. reading.py decides what they mean in the
context of the question Radix asked; docs/conversation.md lists them with examples.
Apostrophes are dropped before matching ("don't" and "dont" are one word), so no pattern has one.
"""
from __future__ import annotations

import re

# ---- answers to a yes/no question ------------------------------------------------------------

YES = (r"yes+|y|ya|yah|yas|yeah*|yea|yep+|yup+|yh|ye|yess+|yus|aye|sure|sure thing|correct|right|true|"
       r"absolutely|definitely|def|defo|deffo|certainly|indeed|affirmative|positive|present|totally|"
       r"of course|ofc|for sure|uh huh|uhuh|mhm+|mm+ hmm|ok|okay|k|kk|thats right|thats correct|"
       r"that is right|that is correct|yes please|i do|i have|i am|it does|it is|it has|it did|"
       r"they do|she does|he does|she has|he has|i did|i think so|i believe so|think so|probably|"
       r"pretty sure|i guess so|guess so|i would say so|id say so|confirmed|yes it does|affirm")
NO = (r"no+|n|nope|nop|nah+|naw|nay|not really|not at all|never|negative|def not|defo not|"
      r"definitely not|absolutely not|certainly not|of course not|no way|i dont|i do not|i havent|"
      r"i have not|i didnt|it doesnt|it does not|it isnt|it is not|it hasnt|it didnt|i am not|"
      r"im not|they dont|she doesnt|he doesnt|she hasnt|he hasnt|not that i know of|"
      r"not that i noticed|not that ive noticed|not as far as i know|dont think so|i dont think so|"
      r"i doubt it|doubt it|none|nothing|nothing like that|not me|not the case|absent|denies|"
      r"probably not|prob not|likely not|not likely|i dont believe so|i guess not|guess not|"
      r"pt denies|neg|nil|nada|no never|never had that|not once|deny|"
      # a clinician's "normal" to a question about a problem: "normal. both normal", "intact", "nad"
      r"normal|both normal|all normal|normal both sides|normal b/l|nl|nml|wnl|nad|intact|both intact|all intact")
UNSURE = (r"not sure|unsure|im not sure|i am not sure|not too sure|not really sure|dunno|i dunno|"
          r"dont know|i dont know|i do not know|idk|no idea|no clue|cant tell|cannot tell|cant say|"
          r"hard to say|hard to tell|difficult to say|maybe|possibly|perhaps|might be|could be|"
          r"not certain|cant remember|dont remember|i forget|i forgot|never (been )?(tested|checked)|"
          r"not (been )?(tested|checked|examined|assessed)|havent (tried|checked|tested)|"
          r"didnt (check|test|try)|unknown|50 ?50|maybe not|who knows|unclear|equivocal|"
          r"i wouldnt know|how would i know|not sure tbh|hmm+ not sure|no idea tbh|"
          r"skip|skip it|skip this|skip this one|skip that|next|next question|pass|move on")
# Hedges and frequency: the finding is there, with the hedge kept ("kind of", "only at night").
HEDGE = (r"kind of|kinda|sort of|sorta|a little( bit)?|a bit|a tiny bit|a wee bit|slightly|somewhat|"
         r"mildly|a touch|sometimes|sometime|somtimes|occasionally|on and off|off and on|on off|"
         r"now and (then|again)|every now and then|from time to time|(it )?comes and goes|at times|"
         r"once in a while|here and there|rarely|hardly ever|not much|not often|not always|"
         r"only (a little|sometimes|at night|in the morning|in the evening|after \w+|when \w+.*|if \w+.*)|"
         r"at night|mostly at night|mainly at night|in the mornings?|in the evenings?|"
         r"when i (walk|stand|sit|bend|lie).*|after (walking|standing|sitting).*|a few times|"
         r"once or twice|mostly|mainly|usually|often|always|all the time|constantly|every day|"
         r"daily|a lot|loads|very much|really bad|pretty bad|quite bad|badly|a fair bit|quite a bit|"
         r"(most|some|many|a few) (days|nights|mornings|evenings|times)|most of the time|half the time|"
         r"a lot of the time|now and again|on occasion|"
         r"more or less|i suppose|i guess|ish")
# Words that may follow a leading yes/no without making it part of a finding ("no, but ...").
CLAUSE_START = (r"but|and|though|although|however|i|im|ive|id|my|it|its|thats|this|the|just|only|"
                r"thanks|thank|sorry|that|not|never|nothing|none|ta|cheers|please|pls|well|so|"
                r"she|he|they|her|his|their|we|ok|okay|haha|lol|x|\d+")

# ---- corrections ------------------------------------------------------------------------------

# "sorry I meant yes": the previous answer changes.
REDO = (r"\b(i meant|i mean|meant to say|meant|wrong answer|change (my|that|the) answer|my mistake|"
        r"my bad|typo|scratch that|misclicked|miss?clicked|pressed the wrong|wrong button|"
        r"answered wrong|got that wrong|i was wrong)\b")
# "actually ...", "no wait ...": what follows corrects something said before.
CORRECTION_LEAD = (r"^(actually|no wait|wait|oh wait|hang on|hold on|correction|oops|sorry|"
                   r"scratch that|i mean|no sorry|sorry no)\b")
# "actually it's my right foot, not the left"
SIDE_WORDS = {"left": "left", "l": "left", "right": "right", "r": "right", "both": "bilateral",
              "bilateral": "bilateral", "bilat": "bilateral"}
_SIDE = r"(left|right|both)"
WRONG_SIDE = re.compile(rf"\bnot (on )?(the |my )?{_SIDE}\b|\bwrong (side|foot|leg)\b|\bother (side|foot|leg)\b")
NEW_SIDE = re.compile(rf"\b(its|it is|is|on|in|the|my|meant|mean|actually|only)( the| my)? {_SIDE}\b|^{_SIDE}\b")

# ---- the combined red-flag screen ------------------------------------------------------------

SCREEN_NONE = (r"no+|nope|nah|none|no to all|no to (all|both|everything|any)( of (them|those|these))?|"
               r"none of (them|those|these|that|the above)|nothing|nothing like that|no none|"
               r"no none of (them|those|these)|all no|no all|neither|no never|never|not at all|"
               r"no to everything|none at all|nope none|nothing of the sort|not any|not any of them|"
               r"none of those things|no not any of (them|those|these)|no to (the )?(others|rest)|"
               r"nothing else|none else|all neg|all negative|all nil|all no")
# About Radix's own words ("what do you mean by saddle?"), not a term's meaning ("what does foot drop mean?",
# answered from the sources).
WHAT_IT_MEANS = (r"what do (you|u) mean|wdym|what does (that|this|it) mean|what is meant by|whats that mean|"
                 r"what s that mean")
# Only these words start a new case, whatever the classifier thought ("already said - no" is not one).
NEW_CASE = (r"new (case|patient|pt|consult|person)|start (over|again|afresh)|restart|reset|next (patient|pt|case)|"
            r"another (patient|pt|case|person)|different (patient|person|case)|clear (it|everything|the case)|"
            r"someone else now")
WANTS_RESULT = (r"(give|get|tell|show|send) (me|us) (the |my |a |your )?(result|results|verdict)|"
                r"(your|ur) (opinion|verdict|view|thoughts) (now|please|pls|then)|"
                r"(can|could|may) (i|we) (just |please |pls |now )?(get|have|see) (the |my |a |your |an )?"
                r"(result|results|verdict|answer(?! to\b)|assessment)|"
                r"(can|could) (u|you) (just |please |pls )?(tell|give|show) (me|us) (the |your |an )?(result|results|"
                r"verdict|answer(?! to\b)|assessment)|"
                r"(just )?tell (me|us) (what|wat|wot) (it is|its|it s|is wrong|is going on|you think)|"
                r"what s the (result|verdict)|whats the (result|verdict)|what is the (result|verdict)|"
                r"(result|results|verdict) (please|pls|plz|now)|what s wrong with (me|him|her)|"
                r"whats wrong with (me|him|her)|what is wrong with (me|him|her)|"
                r"^((ok|okay|so|just|fine|right|and) )*(the |ur |your )?(result|results|assessment|verdict)"
                r"( (then|now|please|pls|plz|thanks|thx|asap))*$")
# The relative a carer writes about; not family history ("my mother had foot drop").
RELATIVE = (r"my (mum|mom|mother|dad|father|husband|hubby|wife|partner|son|daughter|gran|granny|grandma|grandad|"
            r"grandpa|nan|nana|brother|sister|aunt|uncle|friend|boyfriend|girlfriend|fiance|fiancee|neighbour|"
            r"neighbor)s?")
# Whom a carer writes about when no "my dad ..." opens the case: "its about my Ron (67)", "Wife 45. Left heel pain".
ABOUT_SOMEONE = (r"\b(its|it s|this is|im asking|i am asking|asking|writing|im writing|message is|question is) "
                 r"(about|for|on behalf of) my (?P<who>[a-z]{2,20})\b|"
                 r"^(?P<lead>wife|husband|hubby|mum|mom|dad|son|daughter|partner|grandma|grandad|nan|gran)\b\s*\d")
# After a possessive or plural relative ("my dads legs", "my daughters are"): the words that keep the message about
# them; "i did it moving my daughters cot" is the writer's own story.
RELATIVE_THEN = (r"(is|are|was|were|has|have|had|got|been|cant|can|could|cannot|wont|doesnt|dont|isnt|says|said|keeps|"
                 r"feels?|legs?|foot|feet|back|toes?|knees?|hips?|bladder|bowels?|ankles?|heels?|calf|calves|thighs?|"
                 r"bum|bottom|spine|sciatica|pain|numb|weak|diabetes|diabetic|right|left|lower|and|who|\d+)\b")
# "what level is it?", "which nerve is it", "where in my back is it coming from": the level of this case.
ASKS_LEVEL = (r"\b((what|which|wat|wich) (level|levels|nerve|nerves|root|roots|disc|disk|vertebra|part of (my|his|her|the) "
              r"(back|spine))|where in (my|his|her|the) (back|spine))\b")
# "is it my back or my diabetes?", "so what is it?", "what could be causing it": what this case points to.
ASKS_CAUSE = (r"\b(is it (my|his|her|the|from (my|his|her|the)) (lower )?(back|spine|diabetes|sugar|nerves?|feet|foot|"
              r"circulation)|(could|might|can) it be (my|his|her|the) (back|spine|diabetes|sugar|nerves?|feet|foot|"
              r"circulation)|^((so|ok so|and|but) )?(what|wat) (is it|s it|could it be|might it be|do you think it is)"
              r"( then| now| exactly)?$|(what|wat) is causing (it|this)|whats causing (it|this)|what s causing (it|this)|"
              r"(back|spine) or (my|his|her|the) (diabetes|sugar|feet|foot|circulation|nerves?))\b")
# "is it plantar fasciitis?", "could it be gout?": a cause named by the user (the sources may not know it).
# "my sister reckons its plantar fasciitis, is that what this is": someone's guess, asked about.
CAUSE_GUESSED = (r"\b(reckons?|thinks?|thought|says?|said|told (me|us)|suggested) (that )?(its|it is|it s|it could be|"
                 r"it might be) (an? )?(?P<what>[a-z][a-z -]{2,30}?)$")
CAUSE_NAMED = (r"^((so|ok so|and|but|then) )?(is it|could it be|might it be|can it be|is this|could this be|is that|"
               r"do i have|does (he|she) have|have i got|has (he|she) got|maybe its) (just )?(an? |my |the |his |her )?"
               r"(?P<what>[a-z][a-z -]{2,40}?)( instead| then| maybe)?$")
# A relative who only speaks, notices or helps is no sign the case is theirs: "my husband says my foot drags".
RELATIVE_ONLY_SPEAKS = (r" (says|said|thinks|thought|reckons|noticed|notices|told me|tells me|set (it|this) up|"
                        r"is helping|helped|helps|is typing|made me|wants me|keeps telling|drove me|took me|"
                        # "my son is on his way over to help"
                        r"is on (his|her|their) way|is coming|will be here|is here|is with (me|us|him|her)|"
                        r"is driving|will drive|will take|is taking)\b")
# Every red flag denied at once ("no red flags", "RF neg", "red flags all negative", "denies red flag sx").
NO_RED_FLAGS = (r"(no|nil|denies|denied|den|neg|negative for|without|nor) (any |other )?(red flags?|rf|rfs|red flag "
                r"(sx|symptoms|signs|features))\b|(red flags?|rf|rfs)\s*(are |were )?(all )?(neg|negative|nil|none|"
                r"absent|clear|denied|ve)\b")
# A carer's words about their own symptoms, not the relative's: "ive got a bad back myself", "i leak a bit
# when i sneeze but thats me", "the leaking is ME not her".
WRITER_OWN = (r"\b(myself|my own|me too|me as well|me also|i also|i too|thats me|that s me|its me|it s me|is me|was me|"
              r"(me|mine),? not (him|her|them|his|hers|theirs|mum|mom|dad|my \w+))\b")
# Asking whether to get help now: "should i call 999", "can i wait till monday", "do i really need to go now".
GO_NOW = (r"(should|shall|do|must|can) (i|we|you) (just )?(call|ring|phone|dial|take (him|her|them)|go|drive|"
          r"bring (him|her|them))\b.{0,40}\b(999|911|112|ambulance|paramedics|a e|a and e|ae|er|emergency|hospital|now|"
          r"tonight|today|in)\b|"
          r"(can|could|should|shall|cant|can t|couldnt) (i|we|he|she|it|they) (just )?wait|"
          r"(do|does|should) (i|we|he|she|they) (really |rly |realy )?(need|have|got) (to|2) go|is it (really )?(an )?emergency|"
          r"is (it|this) urgent|how urgent is (it|this)|call (an )?ambulance\b.{0,10}\bor|"
          # waiting for a doctor: "can i just see my gp on monday?", "is gp tomorrow soon enough?", "ambulance or wait"
          r"(can|could|should|shall) (i|we|he|she|they) (just )?(see|wait for|wait to see|wait and see|book|ring|call) "
          r"(my|the|his|her|a|our) (gp|doctor|dr)\b|(is|will) (the )?(gp|doctor|dr) (on )?(tomorrow|tmrw|monday|next week)? ?"
          r"(be )?(soon enough|ok|okay|enough|fine|alright)|(ambulance|a e|hospital|999|a and e) or (wait|the gp|gp|see)|"
          # "should i skip work?", "ive got work at 2"
          r"(should|can|do|must) (i|we) (skip|miss|cancel|call in sick|take time off)( from)? (work|school|my shift)|"
          r"(ive|i have|i ve) got (work|a shift)\b|"
          # "gonna sleep it off, prob nothing right"
          r"sleep (it|this) off|see how (it|he|she|i) (goes|is|feels?) (tomorrow|in the morning)|(its |it s )?prob(ably)? nothing")
# Going on with the questions after an alert: "yes carry on", "please could we continue".
CONTINUE = (r"\b(carry on|continue|keep going|ask away|go ahead|proceed|next question|"
            r"ask (me )?(your|the|ur) (questions|question)|(lets|let s) (go on|continue|carry on))\b|"
            r"^((yes|yeah|yep|ok|okay|please|sure) )*go on\b")
# Words around a screen's answer that do not change it: who says so, how sure, that it was said before
# ("he says no to both", "no to all as far as i know", "you literally just asked me. no to all").
SCREEN_ASIDE = (r"as far as i (know|can tell)|afaik|i (dont|don t|do not) think( so)?|i think|i believe|i reckon|(he|she|they) says?|says (he|she)|"
                r"(he|she) said|as documented( above)?|as (i )?said( before)?|documented|thanks|thank you|ta|"
                r"tbh|to be honest|i guess|you (literally )?just asked( me)?|i (already )?(told|said)( you)?|"
                r"(ill|i will) ask (him|her)|i asked (him|her)|ok|okay|um+|er+|well|so|then|again|already|"
                r"above|too|for now|at the moment|right now|now|thankfully|thank god|thank goodness|luckily|"
                r"fortunately|lol|haha|phew|"
                r"that (i|he|she|we|they|ive|hes|shes|weve|theyve|i ve|he s|she s) (know|knows|knew|noticed|"
                r"ve noticed|have noticed|has noticed|can tell|said|has said|mentioned|has mentioned)( of| about)?")
# Words naming one item of the screen ("just the bladder one", "the numbness one", "2").
SCREEN_NAMES = {
    "bladder_dysfunction": r"bladders?|pee|peeing|wee|weeing|urine|urinat\w*|water|wetting|wet myself|"
                           r"incontinen\w*|pass water|pissing|piss|toilet|waterworks|water works",
    "bowel_dysfunction": r"bowels?|poo|poop|pooing|stool|faec\w*|fec\w*|motions|accident in my pants",
    "saddle_anesthesia": r"groin|saddle|bottom(?! of (my|his|her|the|your) (foot|feet|heel|leg|back))|bum|butt|backside|"
                         r"privates|private (area|parts|bits)|down there|down below|"
                         r"inner thighs?|crotch|genitals?|perine\w*|numbness one|numb one|the numbness|"
                         r"numb down there|loss of feeling",
    "sudden_onset": r"sudden\w*|all of a sudden|overnight|weakness one|weak one|the weakness|"
                    r"gave out|gave way|give way|lost (the |my )?strength",
}
# Items named by their place in the list ("the first one", "1 and 3", "the last one").
SCREEN_ORDINALS = {"first": 0, "1": 0, "1st": 0, "second": 1, "2": 1, "2nd": 1, "third": 2, "3": 2,
                   "3rd": 2, "fourth": 3, "4": 3, "4th": 3}
SCREEN_ORDINAL_RE = re.compile(r"\b(first|1st|second|2nd|third|3rd|fourth|4th|last|[1-4])\b")

# ---- what the message asks for, whatever the classifier says ---------------------------------

COMMANDS = {
    "why": r"why|why\?|how come|whys that|why is that|why that|why ask|why do you ask|"
           r"why are you asking( me)?( that| this)?|why ask that|why this question|why that question|"
           r"why does (that|it) matter|what for|source|sources|references?|citations?|explain|"
           r"explain why|reason|reasons|reasoning|rationale",
    "more": r"more|more please|more pls|tell me more|more details?|details|detail|full version|"
            r"full details|full assessment|full answer|the full (result|assessment|answer)|"
            r"show (me )?(more|everything|all)|everything|what else|long version|in detail|"
            r"the details|more info|more information|expand",
    "result": r"results?|result please|result pls|the result|assessment|verdict|"
              r"just give me the result|give me the result|skip the questions|skip the rest",
    "summary": r"summary|summary please|summary pls|the summary|a summary|case summary|my summary|"
               r"summari[sz]e|summari[sz]e (it|this|the case)|sum (it|this) up|note|the note|a note|"
               r"case note|note please|write (it|this) up|write up|writeup|write it up please|"
               r"handover|handover note",
    "clarify": r"what|what\?|huh|eh|pardon|pardon me|sorry|sorry what|come again|what do you mean|"
               r"what does that mean|what do u mean|wdym|say (that|it) again|(can|could) you (say that( again)?|"
               r"repeat( that| the question)?|rephrase( that| the question)?|explain the question)|"
               r"repeat( that| the question)?|rephrase|"
               r"i dont (understand|get it)|i dont understand (the question|what you mean|you)|"
               r"dont understand|what are you asking|what question|what was the question|im confused",
    "new_case": r"new case|new patient|start over|start again|restart|reset|next patient|new pt",
    "help": r"help|menu|options|help me|help pls|what can you do",
}

# Small talk (one intent, "chitchat"): which kind it is, in this order; anything else is out of scope.
CHITCHAT = (
    ("thanks", r"^(ok |okay |great |brilliant |perfect )?(thanks|thank you|thx|ty|cheers|ta|much appreciated)\b"),
    ("bot", r"\b(bot|robot|human|ai|chatgpt|computer|machine|program|automated|language model|chatbot|"
            r"real (person|doctor)|are (you|u) (a|an) (doctor|nurse|physician|medical|person|human|real)|"
            r"who am i talking|licensed|qualified|are you (even )?(real|alive)|someone typing|"
            r"person on the other end|(speak|talk) to a (human|person|real))\b"),
    ("help", r"\b(help|what can (you|this|i)|how does (this|it|radix) work|how (do|can|should) i (use|start|"
             r"get started|talk|describe|phrase|type)|what (do|should) i (type|say)|capabilit\w*|capable|"
             r"instructions?|tutorial|menu|options|commands?|features|usage|guide me|what is (radix|this)|"
             r"what are you for|what (is|does) this (bot|app|chat)|lost|confused|what info)\b"),
    ("goodbye", r"\b(bye+|goodbye|good bye|cya|see (you|ya)|later|ttyl|good ?night|night|take care|farewell|"
                r"gotta go|have to go|im (done|off)|thats (all|it|everything)|signing off|logging off|"
                r"catch you|talk (soon|later)|end chat|close the chat|peace out|have a (good|nice))\b"),
    ("greet", r"^(hi+|hello|hey+a?|hiya|helo|hallo|hullo|howdy|yo|sup|hola|greetings|salutations|g ?day|"
              r"good (morning|afternoon|evening|day)|morning|afternoon|evening|whats up)\b"),
)
# "What should I do?", "is it serious?": a question about this case that asks for advice.
ADVICE = (r"\b(what (should|do|shall|would) (i|we|you) (do|suggest|recommend)|what do i do|what now|next step|"
          r"serious|worr(y|ied)|bad|hospital|a ?& ?e|a e|a and e|er|emergency|urgent|ambulance|911|999|see (a|my|the) "
          r"(doctor|gp|specialist|someone)|how soon|how quickly|how long (can|should|do) (i|we|he|she|they) wait|"
          r"this week|today or|tonight or|tell (the|my|his|her) (doctor|gp)|"
          r"(doctor|gp|specialist|someone)|specialist|can it wait|wait and see|recommend|suggest|disposition|"
          r"admit|discharge|same day|referr\w*|refer|seen|go to work|safe to|rest or|go in|"
          r"(can|should) i (still )?(go|do|keep|carry on|stop|avoid|drive|work|exercise|run|walk))\b")
# "can I get a summary", "write it up for the chart", "something to show my doctor": the case summary.
SUMMARY = (r"\b(summary|summari[sz]e|sum (it|this|everything) up|write (it|this|that|everything) up|write ?up|"
           r"(case|clinical|clinic|progress|handover|consult) note|(a|the) note (for|of|to)|"
           r"note for (the|my|his|her) (chart|record|notes|doctor|gp)|"
           r"(something|anything) (to|i can|we can) (show|give|take to) (my|the|his|her) (doctor|gp)|"
           r"paste (into|in) the (record|chart|notes))\b")
# After an emergency alert: going for help ("ok ringing now", "ambulance on its way"), what to tell the
# responders (any time: "what do i tell the paramedics / my gp?"), what to do while waiting.
_CALL_TARGET = (r"(999|911|112|111|an? ambulance|the ambulance|ambulance|(the )?paramedics|them|emergency( services)?|"
                r"the er|for help|for an ambulance|nhs|now|right now|straight away)")
_HOSPITAL = r"(the )?(a e|a and e|ae|er|ed|hospital|emergency( department| room)?|casualty|urgent care)"
GOING_FOR_HELP = (
    rf"\b(calling|ringing|phoning|dialling|dialing)( them)?( {_CALL_TARGET}\b|$)|"
    rf"\b(i|we|ive|weve|have|just|already) (called|rang|rung|phoned|dialled|dialed) {_CALL_TARGET}\b|"
    rf"\b(ill|i will|well|we will|going to|gonna|about to|will) (call|ring|phone|dial) {_CALL_TARGET}\b|"
    r"\b(ambulance|paramedics|they|help)( is| are|s)? (on (its|their|the) way|coming|en route|here|arrived)\b|"
    r"\b(on (our|my|the) way|heading|going|driving|off|leaving|taking (him|her|them|my \w+)|bringing (him|her|them)|"
    rf"(ill|will|well|gonna) (take|drive|bring) (him|her|them|my \w+))( now| straight)?( to| in(to)?| down to| up to) {_HOSPITAL}\b|"
    r"^(ok |okay |right |yes |yep )?(going now|leaving now|on it|will do|doing it now|going)$")
HANDOVER = (r"\bwhat (do|should|shall|can|will|must|would) (i|we) (tell|say to|say|show|give|mention to|explain to)\b|"
            r"\bwhat (will|do|would) (they|the paramedics|the doctors?|the hospital|the ambulance( crew)?) "
            r"(need|want|ask)\b|\bwhat (to|do i|should i) (tell|say) (them|the|my|his|her)\b")
WHILE_WAITING = (r"\b(while|whilst|till|until|til|before) (we|i|they|the ambulance|the paramedics|help|he|she|it) "
                 r"(wait|waits|waiting|come|comes|arrive|arrives|get here|gets here|turn up|turns up)\b|"
                 r"\bin the meantime\b|\bmeanwhile\b|\bwhile (we are |were |im )?waiting\b")
# Questions about home measures and activities ("is ice ok?", "can i still run?"): the word asked about and
# the noun a reply names it with.
SELF_CARE_MEASURES = {
    "ice": "ice", "ice pack": "ice", "icing": "ice", "heat": "heat", "heat pack": "heat", "heat pad": "heat",
    "heating pad": "heat", "hot water bottle": "heat", "hot bath": "heat", "warm bath": "heat", "rest": "rest",
    "bed rest": "rest", "resting": "rest", "painkillers": "pain medicine", "painkiller": "pain medicine",
    "pain killers": "pain medicine", "paracetamol": "pain medicine", "ibuprofen": "pain medicine",
    "tylenol": "pain medicine", "advil": "pain medicine", "nurofen": "pain medicine",
    "anti inflammatories": "pain medicine", "pain meds": "pain medicine"}
ACTIVITIES = {
    "run": "running", "running": "running", "jog": "jogging", "jogging": "jogging", "gym": "the gym",
    "go to the gym": "the gym", "exercise": "exercise", "exercising": "exercise", "work out": "exercise",
    "train": "training", "training": "training", "cycle": "cycling", "cycling": "cycling", "bike": "cycling",
    "swim": "swimming", "swimming": "swimming", "walk": "walking", "walking": "walking", "hike": "walking",
    "lift": "lifting", "lifting": "lifting", "drive": "driving", "driving": "driving", "work": "work",
    "go to work": "work", "working": "work", "shifts": "work", "my shifts": "work", "stretch": "stretching", "stretching": "stretching", "yoga": "yoga",
    "play football": "sport", "play golf": "sport", "play tennis": "sport", "play sport": "sport",
    "dance": "dancing", "dancing": "dancing", "walking group": "walking", "walks": "walking"}
_ASKING = (r"(can|could|should|shall|may) (i|he|she|we|they) (still |keep |carry on |continue |go on |try |stop )?|"
           r"(is it|its|is) (ok|okay|safe|fine|alright|bad|dangerous|risky|wise) (for (me|him|her|them) )?to "
           r"(still |keep )?|(ok|okay|safe|alright) to (still |keep )?|am i (ok|allowed) to |"
           r"(should|can) (i|he|she) (avoid|stop) ")
ACTIVITY_QUESTION = (rf"\b({_ASKING})(go(ing)? (for (a |an )?|to (the )?)?|do(ing)? (my |his |her |some )?|play(ing)? )?"
                     rf"(?P<what>{'|'.join(sorted(ACTIVITIES, key=len, reverse=True))})\b")
SELF_CARE_QUESTION = rf"\b(?P<what>{'|'.join(sorted(SELF_CARE_MEASURES, key=len, reverse=True))})\b"
# "more", "details", "the full version": more of the last answer, not its reasons.
MORE = (r"\b(more|details?|full|everything|elaborate|expand|the rest|whats the rest|what else|anything else|"
        r"long version|show all)\b")
WHY = r"\b(why|how come|reason\w*|rationale|source|sources|reference|cite|citation|evidence|quote|explain)\b"

# ---- outside Radix's scope: emergencies, and what Radix cannot do ----------------------------

# Emergencies outside Radix's scope: a plain line to seek emergency help comes first.
EMERGENCIES = {
    "crisis": r"suicid\w*|kill (myself|me)|end (my|it all|my life)|take my (own )?life|want to die|"
              r"dont want to (live|be here|be alive)|self ?harm\w*|hurt(ing)? myself|overdos\w*",
    "emergency": r"chest (pain|pains|hurts?|tight\w*|pressure)|pain in (my|the|his|her) chest|"
                 r"heart attack|cant breathe?|cannot breathe?|struggling to breathe?|"
                 r"(trouble|difficulty) breathing|short(ness)? of breath|(?<!like a )stroke|face (is )?droop\w*|"
                 r"droop\w* face|slurr\w* (speech|words)|speech (is )?slurred|"
                 r"one side of (my|his|her|the) (body|face)|passed out|unconscious|not breathing|"
                 r"seizure|fitting|choking|anaphyla\w*|bleeding (heavily|a lot|badly)|heavy bleeding",
}
# Signs in or around the foot that the five articles do not cover (an infected foot, a wound, a fever):
# Radix says it cannot judge them rather than let a spinal result stand for them.
OUTSIDE_SOURCES = (r"(red|redder|swollen|swolen|puffy)( and)?( (hot|warm|red|swollen|swolen|puffy))*( and)? (big )?"
                   r"(foot|feet|toe|toes|ankle|heel)|hot (and )?(red|swollen|swolen)|"
                   r"(foot|feet|toe|toes|ankle|heel) (is|are|looks|look|has gone|have gone|went|getting|gone|s|"
                   r"keeps getting|has turned|have turned|turned)( really| very| all| a bit)? "
                   r"(red|redder|swollen|swolen|puffy|black|purple)|"
                   r"ulcer\w*|wound\w*|pus|oozing|infect\w*|cellulitis|gangrene|fever\w*|feverish|shiver\w*|"
                   r"(a|the|this|that|his|her|my) sore (on|under|that|which|wont|won t|isnt|hasnt|between)|"
                   r"sore (that|which) (wont|won t|isnt|hasnt|will not)|(wont|won t|not) heal\w*")
# Words that make a named emergency a denial ("no chest pain").
EMERGENCY_NEGATION = r"\b(no|not|never|denies|deny|without|neg for|negative for)\b(\W+\w+){0,2}\W*$"
# A sentence is a question when it ends with "?" (not a note's "?CES", "?L5 radic": a query right before a
# word) or opens with a question word or a request to explain ("tell me about foot drop").
QUESTION_OPENERS = (r"what|whats|which|how|hows|why|when|where|who|whom|whose|does|do|did|is|are|am|was|were|can|"
                    r"could|should|would|will|may|might|must|shall|has|have|had|isnt|arent|doesnt|dont|cant|"
                    r"tell me|explain|define|describe|compare|list|give me|help me understand|i wonder|"
                    r"wondering|any idea|anyone know|i want to know|id like to know")
# Requests Radix cannot do (it says what it can and cannot do).
CAPABILITY = (r"\b(book|booking|schedule|reschedule|make) (me |us )?(an? |my )?(appointment|appt|"
              r"consultation|visit|slot)|\bappointment\b|\brefill\b|\bprescri\w+|\bsick note\b|"
              r"\bfit note\b|\breferral letter\b|\brefer me\b|\b(call|contact|email|message|phone) "
              r"(my|a|the) (doctor|gp|surgeon|nurse|physio)\b|\bsend (this|it|that) to my (doctor|gp)\b")


def normalise(text: str) -> str:
    """Lowercase, straight quotes, apostrophes dropped, whitespace collapsed."""
    text = (text or "").lower().replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    text = text.replace("'", "")
    return " ".join(text.split())


def words(text: str) -> str:
    """``normalise`` then every non-word character as a space: the form whole-phrase patterns match."""
    return " ".join(re.sub(r"[^a-z0-9/ ]+", " ", normalise(text)).split())


def alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a pattern, longest first (so "no way" wins over "no")."""
    parts, depth, current = [], 0, ""
    for char in pattern:
        depth += (char == "(") - (char == ")")
        if char == "|" and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return sorted(parts, key=len, reverse=True)


def whole(pattern: str) -> re.Pattern:
    return re.compile(rf"^(?:{'|'.join(alternatives(pattern))})$")


def lead(pattern: str) -> re.Pattern:
    return re.compile(rf"^(?:{'|'.join(alternatives(pattern))})\b")


def leading(pattern: re.Pattern, text: str) -> str:
    """The words ``pattern`` matches at the start of ``text`` ('' when none)."""
    match = pattern.match(text)
    return match.group(0) if match else ""


YES_WHOLE, NO_WHOLE, UNSURE_WHOLE, HEDGE_WHOLE = (whole(p) for p in (YES, NO, UNSURE, HEDGE))
YES_LEAD, NO_LEAD, UNSURE_LEAD, HEDGE_LEAD = (lead(p) for p in (YES, NO, UNSURE, HEDGE))
HEDGE_ANY = re.compile(rf"\b(?:{'|'.join(alternatives(HEDGE))})\b")
CLAUSE_START_LEAD = lead(CLAUSE_START)
REDO_ANY = re.compile(REDO)
CORRECTION_LEAD_RE = re.compile(CORRECTION_LEAD)
SCREEN_NONE_WHOLE = whole(SCREEN_NONE)
GO_NOW_RE = re.compile(rf"\b(?:{GO_NOW})")
WHAT_IT_MEANS_RE, NEW_CASE_RE = (re.compile(rf"\b(?:{p})\b") for p in (WHAT_IT_MEANS, NEW_CASE))
WANTS_RESULT_RE = re.compile(rf"\b(?:{WANTS_RESULT})\b(?! of\b)")
RELATIVE_RE = re.compile(rf"\b{RELATIVE}\b(?! (had|used to))")
NO_RED_FLAGS_RE = re.compile(NO_RED_FLAGS)
WRITER_OWN_RE = re.compile(WRITER_OWN)
RELATIVE_ONLY_SPEAKS_RE = re.compile(RELATIVE_ONLY_SPEAKS)
ASKS_LEVEL_RE = re.compile(ASKS_LEVEL)
ASKS_CAUSE_RE = re.compile(ASKS_CAUSE)
SCREEN_ASIDE_RE = re.compile(rf"\b(?:{'|'.join(alternatives(SCREEN_ASIDE))})\b")
SCREEN_NAME_RES = {concept: re.compile(rf"\b(?:{pattern})\b") for concept, pattern in SCREEN_NAMES.items()}
COMMAND_RES = {act: whole(pattern) for act, pattern in COMMANDS.items()}
EMERGENCY_RES = {kind: re.compile(rf"\b(?:{pattern})") for kind, pattern in EMERGENCIES.items()}
EMERGENCY_NEGATION_RE = re.compile(EMERGENCY_NEGATION)
OUTSIDE_SOURCES_RE = re.compile(rf"\b(?:{OUTSIDE_SOURCES})\b")
CAPABILITY_RE = re.compile(CAPABILITY)
QUESTION_OPENER_LEAD = lead(QUESTION_OPENERS)
# Where a sentence ends: a full stop, "!", a line break, or a "?" that is not a note's query ("?CES").
SENTENCE_END_RE = re.compile(r"[.!\n]+|\?+(?!\w)")
# Where a clause ends inside a sentence: a comma, semicolon, colon or a spaced dash.
CLAUSE_MARK_RE = re.compile(r"[,;:]|\s[-\u2013\u2014]+\s")
CONDITION_LEAD = lead(r"if|unless|suppose|supposing|say|what if|in case")
# A clause in which the writer tells something about themselves or the person they write for.
TELLING_LEAD = lead(r"ive got|ive had|ive been|i have|i had|i get|i got|im|i am|my|mine|hes got|shes got|he has|"
                    r"she has|his|her")
CHITCHAT_RES = tuple((kind, re.compile(pattern)) for kind, pattern in CHITCHAT)
ADVICE_RE, MORE_RE, WHY_RE, SUMMARY_RE = re.compile(ADVICE), re.compile(MORE), re.compile(WHY), re.compile(SUMMARY)
GOING_FOR_HELP_RE, HANDOVER_RE, WHILE_WAITING_RE = (re.compile(p) for p in (GOING_FOR_HELP, HANDOVER, WHILE_WAITING))
ACTIVITY_QUESTION_RE, SELF_CARE_QUESTION_RE = re.compile(ACTIVITY_QUESTION), re.compile(SELF_CARE_QUESTION)
CONTINUE_RE = re.compile(CONTINUE)
RELATIVE_THEN_RE = re.compile(RELATIVE_THEN)
CAUSE_NAMED_RE = re.compile(CAUSE_NAMED)
CAUSE_GUESSED_RE = re.compile(CAUSE_GUESSED)
ABOUT_SOMEONE_RE = re.compile(ABOUT_SOMEONE)
