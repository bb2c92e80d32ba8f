"""English cues: what kind of complaint it is, how heated it is, and which of our sentences fits it."""

from __future__ import annotations

import re

from portal.conversation.scoring import Cue, cue
from portal.conversation.vocabulary import Category


_L, _B, _Q, _D = Category.LATENESS, Category.BILLING, Category.QUALITY, Category.DAMAGE
_S, _M, _V, _C = Category.STAFF, Category.MISSING_ITEM, Category.DELIVERY, Category.COMMUNICATION

_SERVICE_PEOPLE = (r"technicians?|engineers?|plumbers?|electricians?|mechanics?|fitters?|installers?|contractors?"
                   r"|builders?|cleaners?|handym[ae]n|inspectors?|tradesm[ae]n|workm[ae]n|crew|movers?|painters?")
_PARCEL_WORDS = (r"parcels?|packages?|couriers?|shipments?|shipping|postm[ae]n|postal|tracking|dispatched"
                 r"|deliver(?:y|ies)")
_CONTACT = (r"call(?:ed)?|r[ai]ng|phoned|got\s+back|replied|responded|answered|contacted|emailed|wrote|returned"
            r"|followed\s+up")

CUES: tuple[Cue, ...] = (
    # Lateness
    cue(r"\brunning\s+(?:late|behind)\b", (_L, 3)),
    cue(r"\blate\b(?!\s+(?:fees?|charges?|payments?|penalt(?:y|ies)))", (_L, 2)),
    cue(r"\bno[- ]?shows?\b", (_L, 3)),
    cue(r"\b(?:didn'?t|did\s+not|never)\s+(?:show(?:ed)?|turn(?:ed)?)\s+up\b", (_L, 3)),
    cue(r"\bstood\s+(?:me|us)\s+up\b", (_L, 3)),
    cue(r"\b(?:nobody|no\s+one|no-one)\s+(?:ever\s+)?(?:showed\s+up|turned\s+up|came|arrived)\b", (_L, 3)),
    cue(r"\bkept\s+(?:me|us|my\s+\w+|our\s+\w+)\s+waiting\b", (_L, 3)),
    cue(r"\bwait(?:ed|ing)\b", (_L, 1.5)),
    cue(r"\bdelay(?:ed|s)?\b", (_L, 1.5)),
    cue(r"\b(?:missed|cancell?ed|rescheduled)\s+(?:the|my|our)\s+appointment\b", (_L, 2.5)),
    cue(r"\b(?:wasn'?t|weren'?t|not|never)\s+on\s+time\b", (_L, 2.5)),
    cue(r"\b(?:arrival|time)\s+(?:window|slot)\b", (_L, 1)),
    cue(r"\bappointments?\b", (_L, 0.5)),
    cue(rf"\b(?:{_SERVICE_PEOPLE})\b", (_L, 0.5)),
    cue(r"\bnever\s+(?:arrived|came)\b", (_L, 1.5), (_V, 1.5)),
    cue(r"\b(?:still\s+)?(?:hasn'?t|has\s+not|haven'?t|have\s+not)\s+(?:yet\s+)?(?:arrived|come|been\s+delivered)\b",
         (_V, 2.5), (_L, 1)),
    # Billing
    cue(r"\bover-?charg\w*", (_B, 3)),
    cue(r"\bdouble[- ]?charg\w*", (_B, 3)),
    cue(r"\bcharged\s+(?:me\s+|us\s+)?(?:twice|double|two\s+times|again)\b", (_B, 3)),
    cue(r"\bhidden\s+(?:fees?|charges?|costs?)\b", (_B, 3)),
    cue(r"\blate\s+(?:fees?|charges?|payments?|penalt(?:y|ies))\b", (_B, 3)),
    cue(r"\bbill(?:s|ed|ing)?\b", (_B, 2), lowercase_only=True),
    cue(r"\binvoic\w*", (_B, 2)),
    cue(r"\bsurcharg\w*", (_B, 2.5)),
    cue(r"\bcharg(?:e|es|ed|ing)\b", (_B, 2)),
    cue(r"\bfees?\b", (_B, 1.5)),
    cue(r"\bpric(?:e|es|ed|ing)\b", (_B, 1.5)),
    cue(r"\bquot(?:e|es|ed|ation)\b", (_B, 1.5)),
    cue(r"\bestimate[ds]?\b", (_B, 1.5)),
    cue(r"\bexpensive\b", (_B, 1.5)),
    cue(r"\b(?:higher|more)\s+than\s+(?:what|quoted|agreed|expected|estimated|planned)\b", (_B, 1)),
    cue(r"\b(?:refund\w*|paid|pay|paying|payment|costs?|receipt|deposit|budget(?:ed)?|afford)\b", (_B, 1)),
    cue(r"(?:[$€£₪]\s?\d|\b\d+\s?(?:dollars|euros|pounds|bucks|shekels)\b)", (_B, 1)),
    # Quality
    cue(r"\b(?:poor|bad|terrible|shoddy|sloppy|awful|lousy|careless|botched|rushed)\s+"
         r"(?:work\w*|job|quality|repairs?|finish|installation)\b", (_Q, 3)),
    cue(r"\b(?:shoddy|sloppy|botched|slapdash|amateurish|sub-?standard|faulty|defective|workmanship)\b", (_Q, 2.5)),
    cue(r"\b(?:still|again)\s+(?:broken|leaking|dripping|faulty|not\s+working|doesn'?t\s+work|does\s+not\s+work)\b",
         (_Q, 3)),
    cue(r"\b(?:broke|broken|failed|leaking|leaks|stopped\s+working)\s+(?:down\s+)?again\b", (_Q, 3)),
    cue(r"\b(?:didn'?t|did\s+not|never|failed\s+to)\s+(?:even\s+)?(?:fix|repair|solve)\b", (_Q, 3)),
    cue(r"\b(?:not|wasn'?t|isn'?t|never|hasn'?t)\s+(?:been\s+)?(?:fixed|repaired)\b", (_Q, 3)),
    cue(r"\bstopped\s+working\b", (_Q, 2.5)),
    cue(r"\b(?:doesn'?t|does\s+not|didn'?t|did\s+not|don'?t|won'?t)\s+work\b", (_Q, 1.5)),
    cue(r"\b(?:fell\s+apart|falling\s+apart|re-?do(?:ne)?|unfinished|half[- ]done|worse\s+than\s+before)\b",
         (_Q, 2.5)),
    cue(r"\bhad\s+to\s+(?:call|get|hire|pay)\s+(?:someone|somebody|another)\b", (_Q, 2.5)),
    cue(r"\b(?:undercooked|overcooked|raw|burnt|stale|soggy|cold|inedible|tasteless|mou?ldy|peeling)\b", (_Q, 1.5)),
    cue(r"\bquality\b", (_Q, 1.5)),
    cue(r"\bleft\s+(?:a|such\s+a)\s+mess\b", (_Q, 1.5), (_D, 1)),
    cue(r"\bbroken\b", (_Q, 1), (_D, 1)),
    # Damage
    cue(r"\bdamag(?:e|ed|es|ing)\b", (_D, 3)),
    cue(r"\b(?:broke|dropped|smashed|knocked\s+over)\s+(?:my|our)\b", (_D, 3)),
    cue(r"\b(?:broke|dropped|knocked\s+over)\s+(?:the|a|an)\b", (_D, 1.5)),
    cue(r"\b(?:scratch(?:ed|es)?|dent(?:ed|s)?|gouged?|chipped|cracked|smashed|shattered|stained|scuff(?:ed|s)?"
         r"|torn|ripped|flooded|crushed|dented)\b", (_D, 2.5)),
    cue(r"\bruined\b", (_D, 1.5)),
    cue(r"\bleft\s+(?:a\s+)?(?:holes?|marks?|stains?|scratches|mud)\b", (_D, 2.5)),
    # Staff
    cue(r"\b(?:rude(?:ly|ness)?|impolite|disrespectful|condescending|patroni[sz]ing|dismissive|arrogant|hostile"
         r"|aggressive|sarcastic|snarky|unprofessional|unhelpful|unfriendly|obnoxious|belittl\w+|insult\w*"
         r"|mock(?:ed|ing))\b", (_S, 3)),
    cue(r"\b(?:yelled|shouted|screamed|swore|snapped)\b", (_S, 3)),
    cue(r"\b(?:laughed\s+at|talked\s+down|rolled\s+(?:his|her|their)\s+eyes|couldn'?t\s+care\s+less)\b", (_S, 3)),
    cue(r"\b(?:bad|poor|terrible|awful)\s+(?:attitude|manners|customer\s+service)\b", (_S, 3)),
    cue(r"\battitude\b", (_S, 2)),
    cue(r"\b(?:didn'?t|did\s+not|don'?t|doesn'?t)\s+(?:seem\s+to\s+)?care\b", (_S, 2)),
    cue(r"\b(?:hung\s+up\s+on|treated|blamed)\s+(?:me|us)\b", (_S, 2.5)),
    cue(r"\b(?:refused\s+to\s+help|told\s+(?:me|us)\s+to\s+calm\s+down|made\s+(?:me|us)\s+feel)\b", (_S, 2.5)),
    cue(r"\b(?:staff|employees?|receptionist|cashier|manager|agent|clerk|waiter|waitress|salesm[ae]n"
         r"|saleswom[ae]n|representative)\b", (_S, 0.5)),
    # Missing or wrong item
    cue(r"\bmissing\b", (_M, 3)),
    cue(r"\b(?:wrong|incorrect)\s+(?:items?|orders?|sizes?|colou?rs?|products?|dish(?:es)?|meals?|models?|drinks?"
         r"|pizzas?|books?|things?|flavou?rs?)\b", (_M, 3)),
    cue(r"\b(?:sent|gave|received|got|delivered|brought)\s+(?:me\s+|us\s+)?(?:the\s+|a\s+)?wrong\b", (_M, 3)),
    cue(r"\b(?:left\s+out|forgot(?:ten)?\s+(?:to\s+(?:include|pack|add|put)|the|my|our))\b", (_M, 2.5)),
    cue(r"\b(?:not|wasn'?t|weren'?t)\s+(?:in\s+the\s+(?:bag|box|package|parcel|order)|included)\b", (_M, 2.5)),
    cue(r"\b(?:came|arrived)\s+without\b", (_M, 2.5)),
    cue(r"\bonly\s+(?:got|received|had|came\s+with)\s+(?:\d+|one|two|three|four|five|half)\b", (_M, 2.5)),
    cue(r"\b(?:incomplete\s+order|half\s+(?:of\s+)?(?:the|my|our)\s+order)\b", (_M, 3)),
    cue(r"\bi\s+ordered\b", (_M, 1)),
    cue(r"\borders?\b", (_M, 0.5), (_V, 0.5)),
    # Delivery
    cue(rf"\b(?:{_PARCEL_WORDS})\b", (_V, 2.5)),
    cue(r"\bdelivered\b", (_V, 1)),
    cue(r"\b(?:not|never|wasn'?t|weren'?t)\s+(?:been\s+)?delivered\b", (_V, 3)),
    cue(r"\blost\s+(?:in\s+(?:the\s+)?(?:post|mail|transit)|my\s+(?:parcel|package|order))\b", (_V, 3)),
    cue(r"\b(?:wrong\s+address|marked\s+as\s+delivered|out\s+for\s+delivery)\b", (_V, 3)),
    cue(r"\b(?:left|delivered|dropped\s+off)\s+(?:it\s+)?(?:at|to|with)\s+(?:the\s+)?"
         r"(?:wrong|another|a\s+neighbou?r)\b", (_V, 3)),
    # Communication
    cue(rf"\b(?:nobody|no\s+one|no-one|noone)\s+(?:ever\s+)?"
         rf"(?:{_CONTACT}|told|informed|bothered|let\s+(?:me|us)\s+know)\b", (_C, 3)),
    cue(rf"\bnever\s+(?:{_CONTACT}|heard\s+back|told|informed|let\s+(?:me|us)\s+know)\b", (_C, 3)),
    cue(r"\b(?:didn'?t|did\s+not|don'?t|doesn'?t|won'?t|wouldn'?t|couldn'?t)\s+(?:bother\s+to\s+|even\s+)?"
         r"(?:call|ring|phone|reply|respond|answer|get\s+back|let\s+(?:me|us)\s+know|tell\s+(?:me|us)|inform"
         r"|update|contact|return\s+(?:my|our))\b", (_C, 3)),
    cue(r"\bno\s+(?:updates?|response|reply|replies|answer|call(?:\s*back)?|callback|word|communication|contact"
         r"|notice|warning|explanation|follow[- ]?up)\b", (_C, 3)),
    cue(r"\bignored\s+(?:my|our|all\s+(?:my|our))\s+(?:emails?|calls?|messages?|complaints?|texts?|voicemails?"
         r"|requests?|letters?)\b", (_C, 3)),
    cue(r"\b(?:ignored|ignoring|unanswered)\b", (_C, 2)),
    cue(r"\b(?:kept\s+(?:me|us)\s+)?in\s+the\s+dark\b", (_C, 3)),
    cue(r"\b(?:on\s+hold|heard\s+nothing|radio\s+silence)\b", (_C, 3)),
    cue(r"\b(?:nobody|no\s+one|no-one)\s+(?:could|would|was\s+able\s+to)\s+(?:help|tell|explain)\b", (_C, 2.5)),
    cue(r"\b(?:on\s+the\s+phone|call\s+cent(?:re|er)|helpline|hotline)\b", (_C, 1.5)),
    cue(r"\bwithout\s+(?:telling|warning|informing|notifying|letting)\b", (_C, 2.5)),
    cue(r"\bkeep\s+(?:me|us)\s+(?:informed|updated|posted)\b", (_C, 2.5)),
    cue(r"\bleft\s+(?:\w+\s+)?(?:messages|voicemails)\b", (_C, 2.5)),
    cue(r"\b(?:call(?:ed)?\s+back|callback|chas(?:e|ed|ing))\b", (_C, 2)),
    cue(r"\bcommunicat\w*", (_C, 2)),
    cue(r"\b(?:updates?|informed|notified)\b", (_C, 1.5)),
    cue(r"\b(?:emails?|messages?|voicemails?|texts?)\b", (_C, 1)),
)



NEGATION_RE = re.compile(
    r"(?:\b(?:not|never|without|didnt|wasnt|werent|isnt|dont|doesnt|hasnt|havent)|n['’]t)\s+"
    r"(?:(?!only\b|just\b)\w+\s+)?$"
)

STRONG_WORDS_RE = re.compile(
    r"\b(?:furious|fuming|livid|enraged|outraged|outrageous|angry|unacceptable|never\s+again|disgust(?:ing|ed)"
    r"|disgrace(?:ful)?|appall(?:ing|ed)|atrocious|horrendous|pathetic|scam(?:med)?|rip-?off|ripped\s+off"
    r"|incompetent|worst|shocking|shameful|how\s+dare|sue|lawyer)\b"
)
FRUSTRATED_WORDS_RE = re.compile(
    r"\b(?:disappoint(?:ed|ing)|frustrat(?:ed|ing)|annoy(?:ed|ing)|irritat(?:ed|ing)|upset|unhappy|fed\s+up"
    r"|sick\s+of|tired\s+of|waste\s+of\s+time|ridiculous|terrible|awful|useless|hopeless|not\s+happy|let\s+down"
    r"|stress(?:ed|ful)|inconvenien(?:t|ce)|yet\s+again|for\s+the\s+\w+\s+time)\b"
)
ACRONYMS = frozenset({
    "UPS", "DHL", "DPD", "TNT", "USPS", "ATM", "CEO", "USA", "VAT", "GPS", "SMS", "PDF", "FAQ", "HVAC", "DIY",
    "BBC", "NHS", "IRS", "DMV", "HMRC", "USD", "EUR", "GBP", "NIS", "ILS", "API", "URL", "PIN", "SIM", "LED",
    "ETA", "RSVP", "FYI", "LLC", "LTD", "INC", "BMW", "IKEA", "CCTV", "WIFI", "HTML", "NYC", "PST", "EST", "GMT",
})

