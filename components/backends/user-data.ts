/**
 * The boot script of a fleet instance (Amazon Linux 2023): nginx serving a page that names the
 * instance, on the backend's port, with the health check path answering 200. Replace it with your
 * service's own start-up; the launch template and Auto Scaling group stay the same.
 */
export function fleetUserData(backendKey: string, port: number, healthCheckPath: string): string {
  const healthFile = healthCheckPath === "/" ? "index.html" : healthCheckPath.replace(/^\/+/, "");
  return [
    "#!/bin/bash",
    "set -euo pipefail",
    "dnf install -y nginx",
    "root=/usr/share/nginx/html",
    // IMDSv2: a session token first; the instance answers nothing to a tokenless request.
    'token=$(curl -sS -X PUT http://169.254.169.254/latest/api/token -H "X-aws-ec2-metadata-token-ttl-seconds: 300")',
    'instance=$(curl -sS -H "X-aws-ec2-metadata-token: $token" http://169.254.169.254/latest/meta-data/instance-id)',
    `printf '{"service":"${backendKey}","instance":"%s"}\\n' "$instance" > "$root/index.html"`,
    ...(healthFile === "index.html" ? [] : [`mkdir -p "$(dirname "$root/${healthFile}")"`, `echo ok > "$root/${healthFile}"`]),
    ...(port === 80
      ? []
      : [`cat > /etc/nginx/conf.d/${backendKey}.conf <<'CONF'`, `server {`, `  listen ${port};`, `  root /usr/share/nginx/html;`, `}`, "CONF"]),
    "systemctl enable --now nginx",
    "",
  ].join("\n");
}
