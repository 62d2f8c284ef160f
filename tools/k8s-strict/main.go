// Command k8s-strict decodes Kubernetes manifests the way the API server does with
// fieldValidation=Strict: an unknown field (a typo such as `readinessprobe`) or a duplicate field is
// an error, which JSON-schema checks with open objects let through. Besides the built-in kinds it knows
// the Prometheus Operator's (ServiceMonitor); kinds it does not know are reported as skipped, never as
// valid.
//
//	k8s-strict FILE...   prints one JSON line per document; exits 1 if any document is rejected
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	monitoringv1 "github.com/prometheus-operator/prometheus-operator/pkg/apis/monitoring/v1"
	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	kjson "k8s.io/apimachinery/pkg/runtime/serializer/json"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
)

type result struct {
	File   string `json:"file"`
	Index  int    `json:"index"`
	Kind   string `json:"kind,omitempty"`
	Name   string `json:"name,omitempty"`
	Status string `json:"status"`
	Error  string `json:"error,omitempty"`
}

func newDecoder() (runtime.Decoder, *runtime.Scheme) {
	scheme := runtime.NewScheme()
	for _, add := range []func(*runtime.Scheme) error{
		corev1.AddToScheme, appsv1.AddToScheme, autoscalingv2.AddToScheme,
		networkingv1.AddToScheme, policyv1.AddToScheme, monitoringv1.AddToScheme,
	} {
		if err := add(scheme); err != nil {
			panic(err)
		}
	}
	strict := kjson.NewSerializerWithOptions(kjson.DefaultMetaFactory, scheme, scheme,
		kjson.SerializerOptions{Yaml: true, Strict: true})
	return strict, scheme
}

func check(decoder runtime.Decoder, scheme *runtime.Scheme, file string, index int, doc []byte) result {
	r := result{File: file, Index: index}
	var meta struct {
		APIVersion string `json:"apiVersion"`
		Kind       string `json:"kind"`
		Metadata   struct {
			Name string `json:"name"`
		} `json:"metadata"`
	}
	jsonDoc, err := utilyaml.ToJSON(doc)
	if err == nil {
		err = json.Unmarshal(jsonDoc, &meta)
	}
	if err != nil {
		r.Status, r.Error = "rejected", err.Error()
		return r
	}
	r.Kind, r.Name = meta.Kind, meta.Metadata.Name
	gvk := schema.FromAPIVersionAndKind(meta.APIVersion, meta.Kind)
	if !scheme.Recognizes(gvk) {
		r.Status = "skipped"
		return r
	}
	if _, _, err := decoder.Decode(doc, nil, nil); err != nil {
		r.Status, r.Error = "rejected", err.Error()
		return r
	}
	r.Status = "valid"
	return r
}

func main() {
	decoder, scheme := newDecoder()
	out := json.NewEncoder(os.Stdout)
	failed := false
	for _, file := range os.Args[1:] {
		content, err := os.ReadFile(file)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		reader := utilyaml.NewYAMLReader(bufio.NewReader(bytes.NewReader(content)))
		for index := 0; ; index++ {
			doc, err := reader.Read()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				fmt.Fprintf(os.Stderr, "%s: %v\n", file, err)
				os.Exit(2)
			}
			if len(bytes.TrimSpace(doc)) == 0 {
				continue
			}
			r := check(decoder, scheme, file, index, doc)
			failed = failed || r.Status == "rejected"
			_ = out.Encode(r)
		}
	}
	if failed {
		os.Exit(1)
	}
}
