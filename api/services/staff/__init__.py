"""Staff use cases: the one door through which both the API and the console read what staff may see."""
