package org.neurostream.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A CustomResourceDefinition of the Flink Kubernetes Operator, read from the operator's API jar
 * ({@code org.apache.flink:flink-kubernetes-operator-api}, {@code META-INF/fabric8/<plural>.<group>-v1.yml}), and its
 * OpenAPI schema turned into a JSON Schema that validates a manifest the way the Kubernetes API server does with
 * strict field validation ({@code kubectl apply}'s default): every field must be declared by the schema (an unknown or
 * misspelt field is an error, not silently pruned), types and enums must match. {@code apiVersion}, {@code kind} and
 * {@code metadata}, which the API server checks itself, are only required to be a string, a string and an object.
 */
final class OperatorCrd {
    private final String resource;
    private final JsonNode crd;

    private OperatorCrd(String resource, JsonNode crd) {
        this.resource = resource;
        this.crd = crd;
    }

    /** Loads {@code META-INF/fabric8/<name>-v1.yml} (e.g. {@code flinkdeployments.flink.apache.org}). */
    static OperatorCrd load(String name) {
        String resource = "META-INF/fabric8/" + name + "-v1.yml";
        try (InputStream in = OperatorCrd.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The CRD " + resource + " is not on the test classpath; it comes "
                        + "from org.apache.flink:flink-kubernetes-operator-api (deploy/pom.xml).");
            }
            return new OperatorCrd(resource, new ObjectMapper(new YAMLFactory()).readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the CRD " + resource, e);
        }
    }

    /** The resource this CRD was read from (for messages). */
    String resource() {
        return resource;
    }

    /** The API group and served version names, e.g. {@code flink.apache.org/v1beta1}. */
    List<String> apiVersions() {
        List<String> out = new ArrayList<>();
        for (JsonNode v : crd.path("spec").path("versions")) {
            if (v.path("served").asBoolean()) {
                out.add(crd.path("spec").path("group").asText() + "/" + v.path("name").asText());
            }
        }
        return out;
    }

    /** The kind, e.g. {@code FlinkDeployment}. */
    String kind() {
        return crd.path("spec").path("names").path("kind").asText();
    }

    /** The allowed values of {@code spec.flinkVersion}, in the CRD's order (oldest first). */
    List<String> flinkVersions() {
        List<String> out = new ArrayList<>();
        openApiSchema(apiVersions().get(0)).path("properties").path("spec").path("properties").path("flinkVersion")
                .path("enum").forEach(n -> out.add(n.asText()));
        return out;
    }

    /**
     * Validates one manifest (a parsed YAML document) against the schema of its {@code apiVersion}; returns the
     * violations as "{@code $.path: message}" lines, empty when it is valid.
     */
    List<String> validate(JsonNode manifest) {
        String apiVersion = manifest.path("apiVersion").asText();
        if (!apiVersions().contains(apiVersion) || !kind().equals(manifest.path("kind").asText())) {
            return List.of("$: a " + manifest.path("kind").asText() + " of " + apiVersion + " is not what " + resource
                    + " defines (" + kind() + " of " + apiVersions() + ")");
        }
        ObjectNode schema = openApiSchema(apiVersion).deepCopy();
        strict(schema);
        ObjectNode props = (ObjectNode) schema.get("properties");
        props.putObject("apiVersion").put("type", "string");
        props.putObject("kind").put("type", "string");
        props.putObject("metadata").put("type", "object");
        JsonSchema validator = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema);
        List<String> problems = new ArrayList<>();
        for (ValidationMessage m : validator.validate(manifest)) {
            problems.add(m.getInstanceLocation() + ": " + m.getMessage());
        }
        problems.sort(null);
        return problems;
    }

    private JsonNode openApiSchema(String apiVersion) {
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        for (JsonNode v : crd.path("spec").path("versions")) {
            if (v.path("name").asText().equals(version)) {
                return v.path("schema").path("openAPIV3Schema");
            }
        }
        throw new IllegalArgumentException(resource + " has no version " + version);
    }

    /**
     * Closes every object schema that lists its properties and neither allows additional ones nor preserves unknown
     * fields (what strict field validation does), and drops the Kubernetes-only annotation
     * {@code x-kubernetes-int-or-string}, which always comes with the equivalent {@code anyOf}.
     */
    private static void strict(JsonNode schema) {
        if (!(schema instanceof ObjectNode o)) {
            return;
        }
        o.remove("x-kubernetes-int-or-string");
        if (o.has("properties") && !o.has("additionalProperties")
                && !o.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
            o.put("additionalProperties", false);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = o.path("properties").fields(); it.hasNext();) {
            strict(it.next().getValue());
        }
        strict(o.get("items"));
        strict(o.get("additionalProperties"));
        for (String combinator : List.of("anyOf", "allOf", "oneOf")) {
            if (o.get(combinator) instanceof ArrayNode a) {
                a.forEach(OperatorCrd::strict);
            }
        }
    }
}
