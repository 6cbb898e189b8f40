"""The peak-day load run (`make load`): Locust flows, their rates and the driver."""
