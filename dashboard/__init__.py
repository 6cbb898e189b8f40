"""The public dashboard and the task-force console, a Dash app on the API's Flask server."""
