package main

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/testcontainers/testcontainers-go"

	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// testPKI makes a CA and a server certificate for localhost signed by it,
// all PEM: the CA certificate, the server certificate and its private key
// (PKCS #8).
func testPKI(t *testing.T) (caPEM, certPEM, keyPEM []byte) {
	t.Helper()
	caKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	ca := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "newsgraph test CA"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(24 * time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, ca, ca, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	ca, err = x509.ParseCertificate(caDER)
	if err != nil {
		t.Fatal(err)
	}
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	srv := &x509.Certificate{
		SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "localhost"},
		DNSNames: []string{"localhost"}, IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(24 * time.Hour),
		KeyUsage:    x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	srvDER, err := x509.CreateCertificate(rand.Reader, srv, ca, &key.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER}),
		pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srvDER}),
		pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER})
}

// TestTLS starts a Neo4j whose Bolt requires TLS with a certificate from a
// test CA, and ingests through neo4j+s:// and bolt+s:// with --tls-ca (and
// lists entities, and creates the schema with NEO4J_TLS_CA). Without
// the CA the certificate is refused, and plain bolt:// is refused by the
// server: each with one message and exit 2.
func TestTLS(t *testing.T) {
	caPEM, certPEM, keyPEM := testPKI(t)
	const dir = "/var/lib/neo4j/certificates/bolt"
	ep := neo4jtest.Own(t, func(boltPort int) neo4jtest.Options {
		return neo4jtest.Options{
			Settings: map[string]string{
				"dbms.ssl.policy.bolt.enabled":            "true",
				"dbms.ssl.policy.bolt.base_directory":     dir,
				"dbms.ssl.policy.bolt.private_key":        "private.key",
				"dbms.ssl.policy.bolt.public_certificate": "public.crt",
				"dbms.ssl.policy.bolt.client_auth":        "NONE",
				"server.bolt.tls_level":                   "REQUIRED",
				// Routing (neo4j+s://) hands out this address.
				"server.bolt.advertised_address": fmt.Sprintf("localhost:%d", boltPort),
			},
			Files: []testcontainers.ContainerFile{
				{Reader: bytes.NewReader(certPEM), ContainerFilePath: dir + "/public.crt", FileMode: 0o644},
				{Reader: bytes.NewReader(keyPEM), ContainerFilePath: dir + "/private.key", FileMode: 0o644},
			},
		}
	})
	hostPort := strings.TrimPrefix(ep.URI, "bolt://")
	caFile := writeFile(t, t.TempDir(), "ca.pem", caPEM)
	good := filepath.Join(faultsDir, "good.txt")
	auth := []string{"--username", ep.Username, "--password", ep.Password}

	r := run(t, nil, append(append([]string{"ingest", "--tls-ca", caFile, "--uri", "neo4j+s://" + hostPort}, auth...), good)...)
	if r.code != 0 || !strings.Contains(r.stdout, "articles: 1 added") {
		t.Errorf("neo4j+s:// with --tls-ca: exit %d\n%s", r.code, r)
	}
	// bolt+s:// (no routing): connecting and creating the schema is enough.
	r = run(t, nil, append([]string{"schema", "--tls-ca", caFile, "--uri", "bolt+s://" + hostPort}, auth...)...)
	if r.code != 0 || !strings.Contains(r.stdout, "schema is in place") {
		t.Errorf("bolt+s:// with --tls-ca: exit %d\n%s", r.code, r)
	}
	// entities connects with the same flags; the flag wins over a wrong
	// NEO4J_TLS_CA.
	r = run(t, []string{"NEO4J_TLS_CA=/nonexistent/ca.pem"}, append([]string{"entities", "--tls-ca", caFile, "--uri", "bolt+s://" + hostPort}, auth...)...)
	if r.code != 0 || r.stdout == "" {
		t.Errorf("entities over bolt+s:// with --tls-ca over a wrong NEO4J_TLS_CA: exit %d\n%s", r.code, r)
	}
	// The CA as NEO4J_TLS_CA, the way the other settings come.
	if r := run(t, []string{"NEO4J_TLS_CA=" + caFile, "NEO4J_URI=neo4j+s://" + hostPort, "NEO4J_PASSWORD=" + ep.Password}, "schema"); r.code != 0 {
		t.Errorf("NEO4J_TLS_CA: exit %d\n%s", r.code, r)
	}

	t.Run("without the CA", func(t *testing.T) {
		r := run(t, nil, append(append([]string{"ingest", "--uri", "neo4j+s://" + hostPort}, auth...), good)...)
		if r.code != 2 || len(linesWith(r.stderr, "newsgraph: ")) != 1 || !strings.Contains(r.stderr, "certificate signed by unknown authority") || !strings.Contains(r.stderr, "--tls-ca") {
			t.Errorf("want exit 2 and one message about the certificate\n%s", r)
		}
		t.Logf("neo4j+s:// without the CA: %s", strings.TrimSpace(r.stderr))
	})
	t.Run("plain bolt to a TLS-only server", func(t *testing.T) {
		r := run(t, nil, append(append([]string{"ingest", "--uri", "bolt://" + hostPort}, auth...), good)...)
		if r.code != 2 || len(linesWith(r.stderr, "newsgraph: ")) != 1 || !strings.Contains(r.stderr, "require TLS") {
			t.Errorf("want exit 2 and one message suggesting TLS\n%s", r)
		}
		t.Logf("plain bolt:// to a TLS-only server: %s", strings.TrimSpace(r.stderr))
	})
	t.Run("--tls-ca with a plain URI", func(t *testing.T) {
		r := run(t, nil, "schema", "--tls-ca", caFile, "--uri", "bolt://"+hostPort)
		if r.code != 2 || !strings.Contains(r.stderr, "needs a neo4j+s:// or bolt+s:// URI") {
			t.Errorf("want exit 2 and the reason\n%s", r)
		}
	})
}
