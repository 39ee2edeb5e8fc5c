from enum import StrEnum


class DispositionMetricDispositionMetricType(StrEnum):
    BOOLEAN = "BOOLEAN"
    DATETIME = "DATETIME"
    ENUM = "ENUM"
    INTEGER = "INTEGER"
    STRING = "STRING"

    def __str__(self) -> str:
        return str(self.value)
