"""Time-expression machinery behind the dates stage (see `readouts.dates`).

lexicon   word tables (months, weekdays, numbers, units, seasons)
calendar  date arithmetic and TIMEX3 value strings, anchored or unresolved
tense     which way a relative date points (past / future), read from the parse
grammar   the patterns that find time expressions and say what they mean
tagger    candidates from the patterns and from spaCy, filtered, trimmed, resolved
eventdate the date of a reported action, told apart from the date of the report
"""
