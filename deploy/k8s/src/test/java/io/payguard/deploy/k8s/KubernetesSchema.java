package io.payguard.deploy.k8s;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * Reads rendered objects into the Kubernetes API types (fabric8 model) strictly. The fabric8 classes keep unknown
 * fields in an {@code additionalProperties} map instead of failing, so after a read that fails on wrong types
 * and on unknown properties where a class has no catch-all, every object of the result is walked and any non-empty
 * {@code additionalProperties} is reported with its path: that is a field the API server would reject or drop
 * (a typo such as {@code spec.replica}).
 *
 * <p>Custom resources (cert-manager Certificate, Prometheus ServiceMonitor) have no type here: they are listed in
 * {@link #UNTYPED_KINDS} and left to the structural rules.
 */
final class KubernetesSchema {

    static final Map<String, Class<?>> TYPES = Map.ofEntries(
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/PersistentVolumeClaim", PersistentVolumeClaim.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class));

    static final Set<String> UNTYPED_KINDS =
            Set.of("cert-manager.io/v1/Certificate", "monitoring.coreos.com/v1/ServiceMonitor");

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .build();

    private KubernetesSchema() {}

    /** Violations of every document; a kind with no type here and not known as a CRD is a violation too. */
    static List<String> validate(List<JsonNode> docs) {
        List<String> v = new ArrayList<>();
        for (JsonNode doc : docs) {
            String gvk =
                    doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
            String id = ManifestRules.id(doc);
            Class<?> type = TYPES.get(gvk);
            if (type == null) {
                if (!UNTYPED_KINDS.contains(gvk)) {
                    v.add(id + ": no Kubernetes API type for " + gvk);
                }
                continue;
            }
            Object typed;
            try {
                typed = STRICT.treeToValue(doc, type);
            } catch (Exception e) {
                v.add(id + ": does not read as " + type.getSimpleName() + ": "
                        + e.getMessage().lines().findFirst().orElse(""));
                continue;
            }
            unknownFields(typed, "", v, id, new IdentityHashMap<>());
        }
        return v;
    }

    private static void unknownFields(
            Object o, String path, List<String> v, String id, IdentityHashMap<Object, Boolean> seen) {
        if (o == null || seen.put(o, Boolean.TRUE) != null) {
            return;
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object e : c) {
                unknownFields(e, path + "[" + i++ + "]", v, id, seen);
            }
            return;
        }
        if (o instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                unknownFields(e.getValue(), path + "[" + e.getKey() + "]", v, id, seen);
            }
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : o.getClass().getMethods()) {
            if (getter.getParameterCount() != 0
                    || Modifier.isStatic(getter.getModifiers())
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            String name = getter.getName();
            if (!name.startsWith("get")) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(o);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (name.equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    for (Object key : extra.keySet()) {
                        v.add(id + ": unknown field " + (path.isEmpty() ? "" : path + ".") + key);
                    }
                }
                continue;
            }
            String field = Character.toLowerCase(name.charAt(3)) + name.substring(4);
            unknownFields(value, path.isEmpty() ? field : path + "." + field, v, id, seen);
        }
    }
}
