"""Speech engines behind one protocol (base.SpeechEngine), chosen by the dotted path in
settings.LOALANG_SPEECH_ENGINE."""
