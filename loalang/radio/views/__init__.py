"""The radio's views, thin: parse a form, call one service or selector, render. Staff pages by
part (bulletins, broadcasts, station, players); `public` is the citizens' side (ADR 0079)."""
