"""Characters typed for others of the same sound: 北胡区 for 北湖区, 实施方按
for 实施方案, 十四五规化 for 规划, 促近条例 for 促进条例.

Chinese is typed by its sound (pinyin), so a slip puts a character of the
same sound, often of another tone, in place of the right one; the word is
then no word, and the query finds only its characters.  ``corrections(run)``
gives, for a run of two to four characters that no dictionary word covers,
the dictionary words one same-sounding character away (tones aside), the
most frequent first: the query looks for them as it looks for synonyms,
below what was typed.  A correction may drop the run's last character when
the rest is the word (北胡区 → 北湖: 区 is typed after the name).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from .segmentation import is_dictionary_word, tokenizer

MAX_CORRECTIONS = 2
# A second correction is kept only if at least this share as frequent as the first.
RARER = 20
SHORTEST, LONGEST = 2, 4
HAN = re.compile(r"[\u4e00-\u9fff]+")


def _toneless(syllable: str) -> str:
    """"hú" → "hu" (ü stays: lü and lu are two sounds)."""
    decomposed = unicodedata.normalize("NFD", syllable)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c) or c == "\u0308")
    return unicodedata.normalize("NFC", kept)


@cache
def _sounds() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """(each character's toneless syllables, each syllable's characters), from
    pypinyin's table of readings; read once a process."""
    from pypinyin.pinyin_dict import pinyin_dict

    of_char: dict[str, frozenset[str]] = {}
    of_sound: dict[str, set[str]] = {}
    read: dict[str, frozenset[str]] = {}  # many characters share their readings
    for code, readings in pinyin_dict.items():
        char = chr(code)
        if not HAN.fullmatch(char):
            continue
        syllables = read.get(readings)
        if syllables is None:
            syllables = read[readings] = frozenset(_toneless(r) for r in readings.split(","))
        of_char[char] = syllables
        for syllable in syllables:
            of_sound.setdefault(syllable, set()).add(char)
    return of_char, {s: frozenset(chars) for s, chars in of_sound.items()}


def corrections(run: str) -> list[str]:
    """The dictionary words one same-sounding character from ``run``, most
    frequent first, at most MAX_CORRECTIONS; [] for a word, a run of another
    length or anything but Chinese characters."""
    if not SHORTEST <= len(run) <= LONGEST or not HAN.fullmatch(run) or is_dictionary_word(run):
        return []
    of_char, of_sound = _sounds()
    whole: set[str] = set()
    shorter: set[str] = set()  # the word without the run's last character
    for i, char in enumerate(run):
        alike = set().union(*(of_sound[s] for s in of_char.get(char, ())))
        for other in alike - {char}:
            word = run[:i] + other + run[i + 1 :]
            if is_dictionary_word(word):
                whole.add(word)
            elif i < len(run) - 1 and len(word) > SHORTEST and is_dictionary_word(word[:-1]):
                shorter.add(word[:-1])
    frequency = tokenizer().FREQ
    # the whole run corrected before a shorter word (孵化气: 孵化器, not 腐化)
    ranked = sorted(whole or shorter, key=lambda w: (-frequency.get(w, 0), w))
    # a rare word beside a common one is the accident, not the intent (方案, not 方盒)
    floor = frequency.get(ranked[0], 0) / RARER if ranked else 0
    return [w for w in ranked if frequency.get(w, 0) >= floor][:MAX_CORRECTIONS]
