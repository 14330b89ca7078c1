# syntax=docker/dockerfile:1
# Build stage: a static binary (cgo for SQLite, linked with -static) so the
# final image needs nothing but the binary and the CA certificates (to verify
# HTTPS webhook targets).
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# cmd/mockserver/binary_test.go runs this exact line (with its own output path).
RUN CGO_ENABLED=1 go build -tags sqlite_omit_load_extension,osusergo,netgo -trimpath -ldflags '-s -w -extldflags -static' -o /out/mockserver ./cmd/mockserver
RUN mkdir -p /out/data

FROM scratch
COPY --from=build /out/mockserver /mockserver
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY --from=build --chown=65532:65532 /out/data /data
USER 65532:65532
ENV MOCK_ADDR=0.0.0.0:8080 \
    MOCK_DB=/data/mocksuite.db \
    SQLITE_TMPDIR=/data
EXPOSE 8080
VOLUME ["/data"]
# No URL: healthcheck probes the port MOCK_ADDR names, so "-e MOCK_ADDR=0.0.0.0:9000" keeps it working.
HEALTHCHECK --interval=5s --timeout=3s --start-period=2s --retries=5 \
    CMD ["/mockserver", "healthcheck"]
ENTRYPOINT ["/mockserver"]
CMD ["serve"]
