{{/*
Shared helpers. Every per-service template ranges over "payguard.serviceKeys" and gets a dict
{root, key, svc} from "payguard.serviceContext".
*/}}

{{- define "payguard.serviceKeys" -}}
auth payment wallet audit
{{- end -}}

{{- define "payguard.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" -}}
{{- else if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Name of one service's objects, e.g. payguard-wallet-service. Arg: {root, svc}. */}}
{{- define "payguard.svcFullname" -}}
{{- printf "%s-%s" (include "payguard.fullname" .root) .svc.name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "payguard.chartLabel" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels on the release as a whole. Arg: root. */}}
{{- define "payguard.commonLabels" -}}
helm.sh/chart: {{ include "payguard.chartLabel" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/part-of: payguard
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end -}}

{{/* Selector labels of one service's pods. Arg: {root, svc}. */}}
{{- define "payguard.selectorLabels" -}}
app.kubernetes.io/name: {{ .svc.name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{/* Selector labels of every pod of the release. Arg: root. */}}
{{- define "payguard.releaseSelectorLabels" -}}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/part-of: payguard
{{- end -}}

{{/* Full label set of one service's objects. Arg: {root, svc}. */}}
{{- define "payguard.labels" -}}
helm.sh/chart: {{ include "payguard.chartLabel" .root }}
app.kubernetes.io/part-of: payguard
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/component: {{ .component | default "api" }}
{{ include "payguard.selectorLabels" . }}
{{- end -}}

{{/* <registry>/<prefix>/<service>:<tag>; the tag defaults to the chart appVersion. Arg: {root, svc}. */}}
{{- define "payguard.image" -}}
{{- $img := .root.Values.global.image -}}
{{- $tag := default .root.Chart.AppVersion $img.tag -}}
{{- printf "%s/%s/%s:%s" $img.registry $img.repositoryPrefix .svc.name $tag -}}
{{- end -}}

{{- define "payguard.serviceAccountName" -}}
{{- include "payguard.svcFullname" . -}}
{{- end -}}

{{/* True when a pod talks to Vault (KMS or Agent injector). Arg: root. */}}
{{- define "payguard.usesVault" -}}
{{- if and .Values.vault.enabled (or (eq .Values.kms.provider "vault") .Values.vault.agentInjector.enabled) -}}true{{- end -}}
{{- end -}}

{{/* Name of the Secret holding a service's TLS key pair. Arg: {root, svc}. */}}
{{- define "payguard.tlsSecretName" -}}
{{- if .root.Values.global.tls.certManager.enabled -}}
{{- printf "%s-tls" (include "payguard.svcFullname" .) -}}
{{- else -}}
{{- default (printf "%s-tls" (include "payguard.svcFullname" .)) .svc.tls.existingSecret -}}
{{- end -}}
{{- end -}}

{{- define "payguard.containerPort" -}}
{{- if .Values.global.tls.enabled -}}8443{{- else -}}8080{{- end -}}
{{- end -}}

{{- define "payguard.portName" -}}
{{- if .Values.global.tls.enabled -}}https{{- else -}}http{{- end -}}
{{- end -}}

{{- define "payguard.caFile" -}}
/etc/payguard/ca/{{ .Values.global.caBundle.key }}
{{- end -}}

{{/*
Guards the schema cannot express (cross-field rules). Arg: {root, key, svc}.
*/}}
{{- define "payguard.validateService" -}}
{{- $root := .root -}}
{{- $svc := .svc -}}
{{- if and (not $svc.database.existingSecret) (not (and $root.Values.vault.enabled $root.Values.vault.agentInjector.enabled)) -}}
{{- fail (printf "services.%s.database.existingSecret is required unless vault.enabled and vault.agentInjector.enabled deliver the database login" .key) -}}
{{- end -}}
{{- if and $root.Values.kafka.sasl.enabled (not $svc.kafka.saslExistingSecret) -}}
{{- fail (printf "services.%s.kafka.saslExistingSecret is required when kafka.sasl.enabled" .key) -}}
{{- end -}}
{{- if and (eq $svc.database.sslMode "verify-full") (not $root.Values.global.caBundle.configMapName) -}}
{{- fail (printf "services.%s.database.sslMode=verify-full needs global.caBundle.configMapName (the CA that signed the database certificate)" .key) -}}
{{- end -}}
{{- if and $svc.kms (eq $root.Values.kms.provider "local") -}}
{{- if not $root.Values.kms.local.masterKeySecret.name -}}
{{- fail "kms.local.masterKeySecret.name is required with kms.provider=local: a Secret holding the base64 of 32 random bytes (openssl rand -base64 32)" -}}
{{- end -}}
{{- if or (gt (int $svc.replicas) 1) $svc.autoscaling.enabled -}}
{{- fail (printf "services.%s: the local KMS keyring is single-writer (one ReadWriteOnce volume); run one replica without autoscaling, or use kms.provider=vault" .key) -}}
{{- end -}}
{{- end -}}
{{- if and (eq $root.Values.kms.provider "vault") (ne $root.Values.vault.kubernetesAuthMount "kubernetes") -}}
{{- fail "vault.kubernetesAuthMount: the services' Vault KMS client logs in at auth/kubernetes (platform/protection has no setting for another mount yet)" -}}
{{- end -}}
{{- if eq .key "audit" -}}
{{- if not (and $svc.kms $svc.kms.checkpointKeyName) -}}
{{- fail "services.audit.kms.checkpointKeyName is required: the KMS key that signs the audit chain's checkpoints" -}}
{{- end -}}
{{- if and (eq $root.Values.global.environment "production") (not $svc.database.migration.existingSecret) (not (and $root.Values.vault.enabled $root.Values.vault.agentInjector.enabled $svc.vault.migrationCredsPath)) -}}
{{- fail "production: services.audit.database.migration.existingSecret or services.audit.vault.migrationCredsPath (with the Vault Agent) is required: Flyway runs as the owner role, the service role may not alter the chain tables" -}}
{{- end -}}
{{- end -}}
{{- range $svc.extraEnv -}}
{{- if and (hasKey . "value") (regexMatch "(?i)(password|passwd|secret|token|credential|private_?key)" .name) -}}
{{- fail (printf "services.%s.extraEnv %s looks like a secret: use valueFrom.secretKeyRef instead of value" $.key .name) -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* One NetworkPolicy peer list, refusing an empty one (an empty "to"/"from" would allow everything). */}}
{{- define "payguard.peers" -}}
{{- if not .peers -}}
{{- fail (printf "%s must list at least one NetworkPolicy peer" .what) -}}
{{- end -}}
{{- toYaml .peers -}}
{{- end -}}

{{/*
payment-service's SCA settings (values "sca"): code channels, WebAuthn relying party, the SMTP relay (STARTTLS
required, login from a Secret) and the SMS gateway (token from a Secret). The names are payguard.sca.* and
quarkus.mailer.* as env variables.
*/}}
{{/*
Fails, naming every missing one, when sca.enabled lacks a value only the site can supply (called by the Deployment and
the NetworkPolicy, so the message is the same whichever renders first). values-production.yaml leaves them empty.
*/}}
{{- define "payguard.scaCheck" -}}
{{- $sca := .Values.sca -}}
{{- $missing := list -}}
{{- if not $sca.webauthn.rpId }}{{ $missing = append $missing "sca.webauthn.rpId (your registrable domain)" }}{{ end -}}
{{- if not $sca.webauthn.origins }}{{ $missing = append $missing "sca.webauthn.origins (at least one)" }}{{ end -}}
{{- if has "email" $sca.channels -}}
{{- range $k := list "host" "from" "existingSecret" "networkPeers" -}}
{{- if not (index $sca.email $k) }}{{ $missing = append $missing (printf "sca.email.%s" $k) }}{{ end -}}
{{- end -}}
{{- end -}}
{{- if has "sms" $sca.channels -}}
{{- range $k := list "url" "existingSecret" "networkPeers" -}}
{{- if not (index $sca.sms $k) }}{{ $missing = append $missing (printf "sca.sms.%s" $k) }}{{ end -}}
{{- end -}}
{{- end -}}
{{- if $missing -}}
{{- fail (printf "sca.enabled with channels %s needs values only your site can supply; missing: %s" (join "," $sca.channels) (join ", " $missing)) -}}
{{- end -}}
{{- end -}}

{{- define "payguard.scaEnv" -}}
{{- $sca := .Values.sca -}}
{{- include "payguard.scaCheck" . -}}
- name: PAYGUARD_SCA_CHANNELS
  value: {{ join "," $sca.channels | quote }}
- name: PAYGUARD_SCA_WEBAUTHN_RP_ID
  value: {{ $sca.webauthn.rpId | quote }}
- name: PAYGUARD_SCA_WEBAUTHN_ORIGINS
  value: {{ join "," $sca.webauthn.origins | quote }}
{{- if has "log" $sca.channels }}
{{- /* The containers run the prod profile, which refuses the log channel unless allowed; the schema refuses log in
production. A dev cluster reads the codes from the log, so they are written unmasked. */}}
- name: PAYGUARD_SCA_ALLOW_LOG_CHANNEL
  value: "true"
- name: PAYGUARD_RISK_SCA_LOG_CODES
  value: "true"
{{- end }}
{{- if has "email" $sca.channels }}
{{- include "payguard.mailerEnv" (dict "email" $sca.email "from" $sca.email.from) }}
{{- end }}
{{- if has "sms" $sca.channels }}
{{- with $sca.sms }}
- name: PAYGUARD_SCA_SMS_GATEWAY_URL
  value: {{ .url | quote }}
- name: PAYGUARD_SCA_SMS_GATEWAY_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ .existingSecret }}
      key: {{ .tokenKey }}
{{- end }}
{{- end }}
{{- end -}}

{{/*
Quarkus Mailer to the SMTP relay of sca.email (STARTTLS required, login from its Secret), with the sender "from":
payment-service's SCA codes and auth-service's privacy mails (dict "email" <sca.email> "from" <sender>).
*/}}
{{- define "payguard.mailerEnv" -}}
{{- with .email }}
- name: QUARKUS_MAILER_HOST
  value: {{ .host | quote }}
- name: QUARKUS_MAILER_PORT
  value: {{ .port | quote }}
- name: QUARKUS_MAILER_FROM
  value: {{ $.from | quote }}
- name: QUARKUS_MAILER_START_TLS
  value: REQUIRED
- name: QUARKUS_MAILER_TLS
  value: "false"
- name: QUARKUS_MAILER_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ .existingSecret }}
      key: {{ .usernameKey }}
- name: QUARKUS_MAILER_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .existingSecret }}
      key: {{ .passwordKey }}
{{- end }}
{{- end -}}

{{/*
auth-service's privacy mails (values "privacy", issue 18): marketing messages (only with the customer's consent) and
the outcome of an erasure go through the SMTP relay of sca.email. Fails unless SCA mails by e-mail too (the relay, its
login and its egress are named there once).
*/}}
{{- define "payguard.privacyCheck" -}}
{{- if not (and .Values.sca.enabled (has "email" .Values.sca.channels)) -}}
{{- fail "privacy.email.enabled sends auth-service's mail through the SMTP relay of sca.email: it needs sca.enabled with the email channel" -}}
{{- end -}}
{{- include "payguard.scaCheck" . -}}
{{- end -}}

{{- define "payguard.privacyEnv" -}}
{{- include "payguard.privacyCheck" . -}}
{{- include "payguard.mailerEnv" (dict "email" .Values.sca.email "from" (.Values.privacy.email.from | default .Values.sca.email.from)) }}
{{- end -}}
