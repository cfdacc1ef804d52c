// Package kubernetes holds kgb's Kubernetes manifests and the test that
// decodes them strictly into the Kubernetes API types. It is a module of its
// own so that k8s.io/api stays out of kgb's dependencies; run its test with
// `cd deploy/kubernetes && go test ./...` (scripts/test.sh does).
package kubernetes

import (
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	"sigs.k8s.io/yaml"
)

// decodeJob reads a manifest holding one Job, refusing unknown or
// misspelt fields (yaml.UnmarshalStrict) and duplicate keys.
func decodeJob(t *testing.T, path string) *batchv1.Job {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var job batchv1.Job
	if err := yaml.UnmarshalStrict(b, &job); err != nil {
		t.Fatalf("%s does not decode strictly into a batch/v1 Job: %v", path, err)
	}
	return &job
}

func TestStrictDecodeRefusesUnknownFields(t *testing.T) {
	// The decoder the manifest test relies on must refuse a misspelt field,
	// or the test below could pass on a manifest Kubernetes would reject.
	bad := "apiVersion: batch/v1\nkind: Job\nspec:\n  completionMod: Indexed\n"
	var job batchv1.Job
	if err := yaml.UnmarshalStrict([]byte(bad), &job); err == nil || !strings.Contains(err.Error(), "completionMod") {
		t.Fatalf("strict decode accepted a misspelt field (err = %v)", err)
	}
}

func TestIngestJobManifest(t *testing.T) {
	job := decodeJob(t, "kgb-ingest-job.yaml")
	if job.APIVersion != "batch/v1" || job.Kind != "Job" {
		t.Errorf("apiVersion/kind = %s/%s, want batch/v1 Job", job.APIVersion, job.Kind)
	}
	spec := job.Spec
	if spec.CompletionMode == nil || *spec.CompletionMode != batchv1.IndexedCompletion {
		mode := "unset"
		if spec.CompletionMode != nil {
			mode = string(*spec.CompletionMode)
		}
		t.Fatalf("completionMode = %s, want Indexed (the shard index comes from JOB_COMPLETION_INDEX)", mode)
	}
	if spec.Completions == nil || *spec.Completions < 1 {
		t.Fatalf("completions = %v, want the number of shards", spec.Completions)
	}
	shards := int(*spec.Completions)
	if spec.Parallelism == nil || *spec.Parallelism < 1 || int(*spec.Parallelism) > shards {
		t.Errorf("parallelism = %v, want 1..%d", spec.Parallelism, shards)
	}
	if spec.BackoffLimitPerIndex == nil || *spec.BackoffLimitPerIndex < 1 {
		t.Errorf("backoffLimitPerIndex = %v, want >= 1 so that a failed shard is retried alone", spec.BackoffLimitPerIndex)
	}
	pod := spec.Template.Spec
	if pod.RestartPolicy != corev1.RestartPolicyNever {
		t.Errorf("restartPolicy = %q, want Never (required with backoffLimitPerIndex)", pod.RestartPolicy)
	}
	if len(pod.Containers) != 1 {
		t.Fatalf("%d containers, want 1", len(pod.Containers))
	}
	c := pod.Containers[0]

	// The kgb command line: ingest into Neo4j, the shard from the
	// environment (a --shard flag would give every pod the same shard).
	if len(c.Command) != 0 {
		t.Errorf("command = %q: the image's entrypoint is kgb; give only args", c.Command)
	}
	if len(c.Args) == 0 || c.Args[0] != "ingest" {
		t.Fatalf("args = %q, want kgb ingest ...", c.Args)
	}
	if i := slices.Index(c.Args, "--store"); i < 0 || i+1 >= len(c.Args) || c.Args[i+1] != "neo4j" {
		t.Errorf("args = %q, want --store neo4j", c.Args)
	}
	for _, a := range c.Args {
		if strings.HasPrefix(a, "--shard") {
			t.Errorf("args contain %q: the shard must come from JOB_COMPLETION_INDEX", a)
		}
		if strings.Contains(strings.ToLower(a), "password") {
			t.Errorf("args contain %q: credentials belong in the Secret", a)
		}
	}
	root := c.Args[len(c.Args)-1]

	// Environment: the shard count equals completions; credentials come
	// from the Secret, never as literals.
	env := map[string]corev1.EnvVar{}
	for _, e := range c.Env {
		if _, dup := env[e.Name]; dup {
			t.Errorf("env %s is set twice", e.Name)
		}
		env[e.Name] = e
	}
	if got := env["KGB_SHARD_COUNT"].Value; got != strconv.Itoa(shards) {
		t.Errorf("KGB_SHARD_COUNT = %q, want %d (= completions)", got, shards)
	}
	for _, name := range []string{"KGB_SHARD", "JOB_COMPLETION_INDEX"} {
		if _, ok := env[name]; ok {
			t.Errorf("env sets %s: Kubernetes sets JOB_COMPLETION_INDEX per pod, and KGB_SHARD would override it", name)
		}
	}
	secret := ""
	for name, key := range map[string]string{"NEO4J_URI": "uri", "NEO4J_USERNAME": "username", "NEO4J_PASSWORD": "password"} {
		e, ok := env[name]
		switch {
		case !ok:
			t.Errorf("env %s is missing", name)
		case e.Value != "" || e.ValueFrom == nil || e.ValueFrom.SecretKeyRef == nil:
			t.Errorf("env %s is not read from a Secret", name)
		case e.ValueFrom.SecretKeyRef.Key != key:
			t.Errorf("env %s reads key %q of the Secret, want %q", name, e.ValueFrom.SecretKeyRef.Key, key)
		case secret != "" && e.ValueFrom.SecretKeyRef.Name != secret:
			t.Errorf("env %s reads Secret %q, the others %q", name, e.ValueFrom.SecretKeyRef.Name, secret)
		default:
			secret = e.ValueFrom.SecretKeyRef.Name
		}
	}
	if w, ok := env["KGB_WORKERS"]; ok && w.ValueFrom != nil && w.ValueFrom.ResourceFieldRef != nil {
		if r := w.ValueFrom.ResourceFieldRef; r.Resource != "limits.cpu" || r.ContainerName != c.Name {
			t.Errorf("KGB_WORKERS reads %s of container %q, want limits.cpu of %q", r.Resource, r.ContainerName, c.Name)
		}
		if _, ok := c.Resources.Limits[corev1.ResourceCPU]; !ok {
			t.Errorf("KGB_WORKERS comes from limits.cpu, but the container sets no CPU limit")
		}
	}

	// The articles: a read-only mount of a claim every pod can share, at
	// the path kgb ingests.
	var mount *corev1.VolumeMount
	for i, m := range c.VolumeMounts {
		if m.MountPath == root || strings.HasPrefix(root, strings.TrimSuffix(m.MountPath, "/")+"/") {
			mount = &c.VolumeMounts[i]
		}
	}
	if mount == nil {
		t.Fatalf("no volume is mounted at the ingested path %s (mounts %+v)", root, c.VolumeMounts)
	}
	if !mount.ReadOnly {
		t.Errorf("mount %s is writable; kgb only reads the articles", mount.MountPath)
	}
	var vol *corev1.Volume
	for i, v := range pod.Volumes {
		if v.Name == mount.Name {
			vol = &pod.Volumes[i]
		}
	}
	if vol == nil {
		t.Fatalf("mount %s names volume %q, which the pod does not define", mount.MountPath, mount.Name)
	}
	if vol.PersistentVolumeClaim == nil || vol.PersistentVolumeClaim.ClaimName == "" {
		t.Errorf("volume %q is not a PersistentVolumeClaim", vol.Name)
	}
}
