"""Chat page (Gradio). Not built yet: until it is, `make run` opens the terminal
conversation (`assistant chat`), which goes through the same `Assistant`."""
