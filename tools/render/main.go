// releases-render renders a batch of releases exactly as `helm template` would,
// in one process, with helm's own library (the version the toolchain pins).
// Starting and loading helm costs ~0.17 s CPU per process; a batch pays it once.
//
// stdin: a JSON array of jobs {args, valuesYaml}: args is the very argument list
// releases would give `helm template` (["template", NAME, CHART, flags...]), the
// values are what it would pipe to `--values -`. Only a local chart directory and
// the flags below are taken; anything else is refused, and releases runs
// `helm template` for that release instead.
// stdout: one JSON line per job, in completion order: {index, manifest} on
// success, {index, error} with helm's error text, or {index, refused}.
//
// usage: releases-render [-j N]    releases-render version
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync"

	"github.com/pkg/errors"
	"sigs.k8s.io/yaml"

	"helm.sh/helm/v3/pkg/action"
	"helm.sh/helm/v3/pkg/chart"
	"helm.sh/helm/v3/pkg/chart/loader"
	"helm.sh/helm/v3/pkg/chartutil"
	"helm.sh/helm/v3/pkg/cli"
	"helm.sh/helm/v3/pkg/release"
)

type job struct {
	Args       []string `json:"args"`
	ValuesYaml string   `json:"valuesYaml"`
}

type result struct {
	Index    int     `json:"index"`
	Manifest *string `json:"manifest,omitempty"`
	Error    *string `json:"error,omitempty"`
	Refused  *string `json:"refused,omitempty"`
}

// options: what `helm template` takes from the flags releases passes.
type options struct {
	name, chart, namespace           string
	kubeVersion                      string
	apiVersions                      []string
	includeCRDs, skipCRDs, skipTests bool
	noHooks, isUpgrade, skipSchema   bool
	devel                            bool
}

// refusal: a job this program does not render; releases runs helm for it.
type refusal struct{ reason string }

func (r refusal) Error() string { return r.reason }

func main() {
	if len(os.Args) == 2 && os.Args[1] == "version" {
		fmt.Println(chartutil.DefaultCapabilities.HelmVersion.Version)
		return
	}
	workers := flag.Int("j", runtime.GOMAXPROCS(0), "renders at a time")
	flag.Parse()
	var jobs []job
	if err := json.NewDecoder(os.Stdin).Decode(&jobs); err != nil {
		fmt.Fprintf(os.Stderr, "releases-render: reading jobs from stdin: %v\n", err)
		os.Exit(2)
	}
	out := bufio.NewWriter(os.Stdout)
	var mu sync.Mutex
	emit := func(r result) {
		line, _ := json.Marshal(r)
		mu.Lock()
		defer mu.Unlock()
		out.Write(line)
		out.WriteByte('\n')
		out.Flush()
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < max(1, *workers); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				emit(renderJob(i, jobs[i]))
			}
		}()
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
}

func renderJob(index int, j job) result {
	r := result{Index: index}
	o, err := parseArgs(j.Args)
	if err == nil {
		var manifest string
		manifest, err = render(o, j.ValuesYaml)
		if err == nil {
			r.Manifest = &manifest
			return r
		}
	}
	text := err.Error()
	if ref, ok := err.(refusal); ok {
		text = ref.reason
		r.Refused = &text
	} else {
		r.Error = &text
	}
	return r
}

// parseArgs reads `template NAME CHART flags...`; a flag outside the list is refused.
func parseArgs(args []string) (options, error) {
	var o options
	if len(args) < 3 || args[0] != "template" {
		return o, refusal{"not a `helm template NAME CHART` argument list"}
	}
	o.name, o.chart = args[1], args[2]
	valuesFromStdin := false
	bools := map[string]*bool{
		"--include-crds": &o.includeCRDs, "--skip-crds": &o.skipCRDs, "--skip-tests": &o.skipTests,
		"--no-hooks": &o.noHooks, "--is-upgrade": &o.isUpgrade, "--skip-schema-validation": &o.skipSchema,
		"--devel": &o.devel, "--disable-openapi-validation": new(bool),
	}
	valueFlags := map[string]bool{"--namespace": true, "-n": true, "--values": true, "-f": true,
		"--kube-version": true, "--api-versions": true, "-a": true}
	for i := 3; i < len(args); i++ {
		flag, value, hasValue := strings.Cut(args[i], "=")
		if b, ok := bools[flag]; ok {
			switch {
			case !hasValue || value == "true":
				*b = true
			case value == "false":
				*b = false
			default:
				return o, refusal{"flag " + args[i]}
			}
			continue
		}
		if !valueFlags[flag] {
			return o, refusal{"flag " + flag}
		}
		if !hasValue {
			if i+1 >= len(args) {
				return o, refusal{"flag " + flag + " without a value"}
			}
			i++
			value = args[i]
		}
		switch flag {
		case "--namespace", "-n":
			o.namespace = value
		case "--values", "-f":
			if value != "-" || valuesFromStdin {
				return o, refusal{"values other than one --values -"}
			}
			valuesFromStdin = true
		case "--kube-version":
			o.kubeVersion = value
		case "--api-versions", "-a":
			o.apiVersions = append(o.apiVersions, strings.Split(value, ",")...)
		}
	}
	if !valuesFromStdin {
		return o, refusal{"no --values -"}
	}
	return o, nil
}

// render follows helm v3's cmd/helm/template.go and runInstall (cmd/helm/install.go)
// for a local chart, without --debug, --output-dir, --show-only or --validate.
func render(o options, valuesYaml string) (string, error) {
	settings := cli.New()
	cfg := &action.Configuration{Log: func(string, ...interface{}) {}}
	client := action.NewInstall(cfg)
	if o.kubeVersion != "" {
		parsed, err := chartutil.ParseKubeVersion(o.kubeVersion)
		if err != nil {
			return "", fmt.Errorf("invalid kube version '%s': %s", o.kubeVersion, err)
		}
		client.KubeVersion = parsed
	}
	client.DryRunOption = "true"
	client.DryRun = true
	client.Replace = true
	client.ClientOnly = true
	client.APIVersions = chartutil.VersionSet(o.apiVersions)
	client.IncludeCRDs = o.includeCRDs
	client.SkipCRDs = o.skipCRDs
	client.DisableHooks = o.noHooks
	client.IsUpgrade = o.isUpgrade
	client.SkipSchemaValidation = o.skipSchema
	client.Devel = o.devel
	if client.Version == "" && client.Devel {
		client.Version = ">0.0.0-0"
	}
	client.ReleaseName = o.name
	if _, err := os.Stat(o.chart); err != nil || !isDir(o.chart) {
		return "", refusal{"not a local chart directory: " + o.chart}
	}
	cp, err := client.ChartPathOptions.LocateChart(o.chart, settings)
	if err != nil {
		return "", err
	}
	vals, err := parseValues(valuesYaml)
	if err != nil {
		return "", err
	}
	chrt, err := loader.Load(cp)
	if err != nil {
		return "", err
	}
	if err := checkIfInstallable(chrt); err != nil {
		return "", err
	}
	if req := chrt.Metadata.Dependencies; req != nil {
		if err := action.CheckDependencies(chrt, req); err != nil {
			return "", errors.Wrap(err, "An error occurred while checking for chart dependencies. You may need to run `helm dependency build` to fetch missing dependencies")
		}
	}
	client.Namespace = o.namespace
	if o.namespace == "" {
		client.Namespace = settings.Namespace()
	}
	rel, err := client.Run(chrt, vals)
	if err != nil {
		if rel != nil {
			return "", fmt.Errorf("%w\n\nUse --debug flag to render out invalid YAML", err)
		}
		return "", err
	}
	return manifestText(rel, client.DisableHooks, o.skipTests), nil
}

// manifestText is what `helm template` prints: the manifest, then each hook.
func manifestText(rel *release.Release, noHooks, skipTests bool) string {
	var b strings.Builder
	fmt.Fprintln(&b, strings.TrimSpace(rel.Manifest))
	if !noHooks {
		for _, m := range rel.Hooks {
			if skipTests && isTestHook(m) {
				continue
			}
			fmt.Fprintf(&b, "---\n# Source: %s\n%s\n", m.Path, m.Manifest)
		}
	}
	return b.String()
}

func isTestHook(h *release.Hook) bool {
	for _, e := range h.Events {
		if e == release.HookTest {
			return true
		}
	}
	return false
}

// parseValues is helm's reading of `--values -` (pkg/cli/values: readFile, then
// merged into an empty map, which leaves the parsed map as it is).
func parseValues(text string) (map[string]interface{}, error) {
	current := map[string]interface{}{}
	if err := yaml.Unmarshal([]byte(text), &current); err != nil {
		return nil, errors.Wrapf(err, "failed to parse %s", "-")
	}
	merged := make(map[string]interface{}, len(current))
	for k, v := range current {
		merged[k] = v
	}
	return merged, nil
}

func checkIfInstallable(ch *chart.Chart) error {
	switch ch.Metadata.Type {
	case "", "application":
		return nil
	}
	return errors.Errorf("%s charts are not installable", ch.Metadata.Type)
}

func isDir(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.IsDir()
}
