"""Staff views of the radio, thin: parse a form, call one service or selector, render."""
