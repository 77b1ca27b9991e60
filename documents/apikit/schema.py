"""OpenAPI generation: every operation documents the errors it can answer.

drf-spectacular documents only the success response; a schema-driven client
(or schemathesis) must also know the 400/401/403/404/429 bodies, so they are
added here for every operation instead of by hand on each view.
"""

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(
        help_text="Headline in Chinese and English, e.g. '未找到 / Not found'."
    )
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="400 only: messages keyed by the offending parameter or field.",
    )


ERROR_DESCRIPTIONS = {
    "400": "A parameter has a bad value; `errors` names it.",
    "401": "Not authenticated (a write without a token or session, or a bad token).",
    "403": "Authenticated but without the curator permissions.",
    "404": "No such object, or a page beyond the last.",
    "429": "Anonymous rate limit exceeded; retry after the `Retry-After` seconds.",
}


class AutoSchema(SpectacularAutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        # Every operation can meet each of these: DRF filters the queryset
        # of detail views too, so even a detail GET can 400 on a filter value.
        for code in ERROR_DESCRIPTIONS:
            if code not in responses:
                response = self._get_response_for_code(ErrorSerializer, code)
                response["description"] = ERROR_DESCRIPTIONS[code]
                responses[code] = response
        return responses

    def map_renderers(self, attribute):
        # CSV is the same data as a file download (?format=csv), not a
        # second representation to validate against the JSON schema.
        return [
            m for m in super().map_renderers(attribute) if m not in ("text/csv", "csv")
        ]


PATH_PARAMETER_DESCRIPTIONS = {
    "id": "Numeric id of the object.",
    "key": "Stable key of the object, as in its URL (e.g. rd_gdp_ratio).",
    "slug": "Stable slug of the theme.",
}


def describe_path_parameters(result, generator, request, public):
    """Postprocessing hook: the lookup parameters in paths ({key}, {slug},
    {id}) get a description too; drf-spectacular leaves most of them bare."""
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "path" and not parameter.get("description"):
                    parameter["description"] = PATH_PARAMETER_DESCRIPTIONS.get(
                        parameter["name"], f"The object's {parameter['name']}."
                    )
    return result
