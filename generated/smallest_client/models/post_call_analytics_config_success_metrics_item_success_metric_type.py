from enum import StrEnum


class PostCallAnalyticsConfigSuccessMetricsItemSuccessMetricType(StrEnum):
    DESCRIPTIVE_SCALE = "DESCRIPTIVE_SCALE"
    NUMERIC_SCALE = "NUMERIC_SCALE"
    PASS_FAIL = "PASS_FAIL"
    PERCENTAGE_SCALE = "PERCENTAGE_SCALE"

    def __str__(self) -> str:
        return str(self.value)
