"""The WhatsApp/SMS conversation as pure rules: state and an inbound message in, next state and replies out."""
