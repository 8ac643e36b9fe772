import {
  AddListenerCertificatesCommand,
  CreateListenerCommand,
  DeleteListenerCommand,
  DescribeListenerAttributesCommand,
  DescribeListenerCertificatesCommand,
  DescribeListenersCommand,
  DescribeRulesCommand,
  ModifyListenerAttributesCommand,
  ModifyListenerCommand,
  RemoveListenerCertificatesCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { DescribeCertificateCommand } from '@aws-sdk/client-acm';
import { describe, expect, it } from 'vitest';
import { alb, CERT_API, CERT_ECHO, CERT_PENDING, CERT_WILDCARD, forward, httpListener, nlb, targetGroup } from './fixtures.js';
import { failure, useEmulator } from './helpers.js';

const h = useEmulator();

describe('CreateListener', () => {
  it('creates an HTTPS listener with the default policy, only the default certificate, and a default rule', async () => {
    const lb = await alb(h.elbv2, 'https-lb');
    const tg = await targetGroup(h.elbv2, 'https-tg');
    const out = await h.elbv2.send(new CreateListenerCommand({ LoadBalancerArn: lb, Protocol: 'HTTPS', Port: 443, Certificates: [{ CertificateArn: CERT_WILDCARD }], DefaultActions: forward(tg) }));
    const listener = out.Listeners![0]!;
    expect(listener.ListenerArn).toMatch(/:listener\/app\/https-lb\/[0-9a-f]{16}\/[0-9a-f]{16}$/);
    expect(listener).toMatchObject({ Port: 443, Protocol: 'HTTPS', SslPolicy: 'ELBSecurityPolicy-2016-08', Certificates: [{ CertificateArn: CERT_WILDCARD }] });
    expect(listener.Certificates![0]!.IsDefault).toBeUndefined();
    expect(listener.DefaultActions![0]).toMatchObject({ Type: 'forward', TargetGroupArn: tg, Order: 1, ForwardConfig: { TargetGroups: [{ TargetGroupArn: tg, Weight: 1 }] } });
    const rules = (await h.elbv2.send(new DescribeRulesCommand({ ListenerArn: listener.ListenerArn }))).Rules!;
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({ Priority: 'default', IsDefault: true, Conditions: [] });
    const cert = (await h.acm.send(new DescribeCertificateCommand({ CertificateArn: CERT_WILDCARD }))).Certificate!;
    expect(cert.InUseBy).toEqual([lb]);
  });

  it('is idempotent for the same port and settings, DuplicateListener otherwise', async () => {
    const lb = await alb(h.elbv2, 'dup-lb');
    const tg = await targetGroup(h.elbv2, 'dup-tg');
    const arn = await httpListener(h.elbv2, lb, tg);
    expect(await httpListener(h.elbv2, lb, tg)).toBe(arn);
    const other = await targetGroup(h.elbv2, 'dup-tg2');
    const err = await failure(httpListener(h.elbv2, lb, other));
    expect(err).toMatchObject({ name: 'DuplicateListenerException', message: `A listener already exists on this port for this load balancer '${lb}'` });
  });

  it('returns the real errors for protocols, certificates, policies and target groups', async () => {
    const lb = await alb(h.elbv2, 'err-lb');
    const tg = await targetGroup(h.elbv2, 'err-tg');
    const send = (input: Partial<ConstructorParameters<typeof CreateListenerCommand>[0]>) =>
      failure(h.elbv2.send(new CreateListenerCommand({ LoadBalancerArn: lb, Protocol: 'HTTPS', Port: 443, DefaultActions: forward(tg), ...input })));
    expect(await send({})).toMatchObject({ name: 'InvalidConfigurationRequestException', message: 'You must provide a list containing exactly one certificate if the listener protocol is HTTPS.' });
    expect(await send({ Certificates: [{ CertificateArn: CERT_PENDING }] })).toMatchObject({ name: 'CertificateNotFoundException', message: `Certificate '${CERT_PENDING}' not found` });
    expect((await send({ Certificates: [{ CertificateArn: CERT_ECHO }], SslPolicy: 'NoSuchPolicy' })).name).toBe('SSLPolicyNotFoundException');
    expect((await send({ Protocol: 'TCP', Port: 81 })).name).toBe('UnsupportedProtocolException');
    expect(await send({ Protocol: 'HTTP', Port: undefined })).toMatchObject({ name: 'ValidationError', message: 'A listener port must be specified' });
    const tcpTg = await targetGroup(h.elbv2, 'err-tcp-tg', { Protocol: 'TCP' });
    expect((await send({ Protocol: 'HTTP', Port: 82, DefaultActions: forward(tcpTg) })).name).toBe('IncompatibleProtocolsException');
    expect((await send({ Protocol: 'HTTP', Port: 83, DefaultActions: forward(tg.replace(/[0-9a-f]{16}$/, '0123456789abcdef')) })).name).toBe('TargetGroupNotFoundException');
    const used = await targetGroup(h.elbv2, 'err-used-tg');
    await httpListener(h.elbv2, await alb(h.elbv2, 'err-other-lb'), used);
    expect((await send({ Protocol: 'HTTP', Port: 84, DefaultActions: forward(used) })).name).toBe('TargetGroupAssociationLimitException');
    expect((await send({ Protocol: 'HTTP', Port: 85, DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '200', ContentType: 'text/xml' } }] })).name).toBe('InvalidLoadBalancerActionException');
    expect((await send({ Protocol: 'HTTP', Port: 86, DefaultActions: [{ Type: 'redirect', RedirectConfig: { StatusCode: 'HTTP_301' } }] })).message).toContain('creates a loop');
    expect((await send({ LoadBalancerArn: lb.replace(/[0-9a-f]{16}$/, '0123456789abcdef'), Protocol: 'HTTP', Port: 87 })).name).toBe('LoadBalancerNotFoundException');
  });

  it('accepts NLB protocols and forwards TLS to TCP target groups', async () => {
    const lb = await nlb(h.elbv2, 'tls-nlb');
    const tg = await targetGroup(h.elbv2, 'tls-tg', { Protocol: 'TCP', Port: 443 });
    const out = await h.elbv2.send(new CreateListenerCommand({ LoadBalancerArn: lb, Protocol: 'TLS', Port: 443, Certificates: [{ CertificateArn: CERT_API }], AlpnPolicy: ['HTTP2Preferred'], DefaultActions: forward(tg) }));
    expect(out.Listeners![0]).toMatchObject({ Protocol: 'TLS', AlpnPolicy: ['HTTP2Preferred'] });
    const attrs = await h.elbv2.send(new DescribeListenerAttributesCommand({ ListenerArn: out.Listeners![0]!.ListenerArn }));
    expect(attrs.Attributes).toEqual([]);
    expect((await failure(h.elbv2.send(new CreateListenerCommand({ LoadBalancerArn: lb, Protocol: 'HTTP', Port: 80, DefaultActions: forward(tg) })))).name).toBe('UnsupportedProtocolException');
  });

  it('stops at 50 listeners per load balancer', async () => {
    const lb = await alb(h.elbv2, 'many-lb');
    const tg = await targetGroup(h.elbv2, 'many-tg');
    for (let port = 1000; port < 1050; port++) await httpListener(h.elbv2, lb, tg, port);
    expect((await failure(httpListener(h.elbv2, lb, tg, 2000))).name).toBe('TooManyListenersException');
    const pages: number[] = [];
    let marker: string | undefined;
    do {
      const page = await h.elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: lb, PageSize: 20, Marker: marker }));
      pages.push(page.Listeners!.length);
      marker = page.NextMarker;
    } while (marker);
    expect(pages).toEqual([20, 20, 10]);
  });
});

describe('DescribeListeners, ModifyListener, DeleteListener', () => {
  it('needs a load balancer or listener ARNs and reports unknown ones', async () => {
    expect(await failure(h.elbv2.send(new DescribeListenersCommand({})))).toMatchObject({ name: 'ValidationError', message: 'You must specify either listener ARNs or a load balancer ARN' });
    const lb = await alb(h.elbv2, 'desc-l-lb');
    const listener = await httpListener(h.elbv2, lb, await targetGroup(h.elbv2, 'desc-l-tg'));
    expect((await h.elbv2.send(new DescribeListenersCommand({ ListenerArns: [listener] }))).Listeners![0]!.LoadBalancerArn).toBe(lb);
    expect((await failure(h.elbv2.send(new DescribeListenersCommand({ ListenerArns: [listener.replace(/[0-9a-f]{16}$/, '0123456789abcdef')] })))).name).toBe('ListenerNotFoundException');
    expect((await failure(h.elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: lb.replace(/[0-9a-f]{16}$/, '0123456789abcdef') })))).name).toBe('LoadBalancerNotFoundException');
  });

  it('modifies port and protocol, refusing a port in use', async () => {
    const lb = await alb(h.elbv2, 'mod-l-lb');
    const tg = await targetGroup(h.elbv2, 'mod-l-tg');
    const a = await httpListener(h.elbv2, lb, tg, 80);
    await httpListener(h.elbv2, lb, tg, 8080);
    expect(await failure(h.elbv2.send(new ModifyListenerCommand({ ListenerArn: a, Port: 8080 })))).toMatchObject({ name: 'ValidationError', message: "Listener port '8080' is already in use" });
    const https = await h.elbv2.send(new ModifyListenerCommand({ ListenerArn: a, Port: 443, Protocol: 'HTTPS', Certificates: [{ CertificateArn: CERT_ECHO }] }));
    expect(https.Listeners![0]).toMatchObject({ Port: 443, Protocol: 'HTTPS', SslPolicy: 'ELBSecurityPolicy-2016-08' });
    const back = await h.elbv2.send(new ModifyListenerCommand({ ListenerArn: a, Port: 80, Protocol: 'HTTP' }));
    expect(back.Listeners![0]!.Certificates).toBeUndefined();
    expect(back.Listeners![0]!.SslPolicy).toBeUndefined();
    const attrs = await h.elbv2.send(new ModifyListenerAttributesCommand({ ListenerArn: a, Attributes: [{ Key: 'routing.http.response.server.enabled', Value: 'false' }] }));
    expect(attrs.Attributes).toContainEqual({ Key: 'routing.http.response.server.enabled', Value: 'false' });
    expect((await failure(h.elbv2.send(new ModifyListenerAttributesCommand({ ListenerArn: a, Attributes: [{ Key: 'tcp.idle_timeout.seconds', Value: '100' }] })))).name).toBe('InvalidConfigurationRequestException');
  });

  it('deletes the listener with its rules', async () => {
    const listener = await httpListener(h.elbv2, await alb(h.elbv2, 'del-l-lb'), await targetGroup(h.elbv2, 'del-l-tg'));
    await h.elbv2.send(new DeleteListenerCommand({ ListenerArn: listener }));
    expect((await failure(h.elbv2.send(new DescribeRulesCommand({ ListenerArn: listener })))).name).toBe('ListenerNotFoundException');
    expect((await failure(h.elbv2.send(new DeleteListenerCommand({ ListenerArn: listener })))).name).toBe('ListenerNotFoundException');
  });
});

describe('listener certificates', () => {
  it('adds, lists (default first, marked) and removes certificates one at a time', async () => {
    const lb = await alb(h.elbv2, 'certs-lb');
    const tg = await targetGroup(h.elbv2, 'certs-tg');
    const listener = (await h.elbv2.send(new CreateListenerCommand({ LoadBalancerArn: lb, Protocol: 'HTTPS', Port: 443, Certificates: [{ CertificateArn: CERT_WILDCARD }], DefaultActions: forward(tg) }))).Listeners![0]!.ListenerArn!;
    const added = await h.elbv2.send(new AddListenerCertificatesCommand({ ListenerArn: listener, Certificates: [{ CertificateArn: CERT_ECHO }] }));
    expect(added.Certificates).toEqual([{ CertificateArn: CERT_ECHO, IsDefault: false }]);
    await h.elbv2.send(new AddListenerCertificatesCommand({ ListenerArn: listener, Certificates: [{ CertificateArn: CERT_ECHO }] }));
    await h.elbv2.send(new AddListenerCertificatesCommand({ ListenerArn: listener, Certificates: [{ CertificateArn: CERT_API }] }));
    const listed = await h.elbv2.send(new DescribeListenerCertificatesCommand({ ListenerArn: listener }));
    expect(listed.Certificates).toEqual([
      { CertificateArn: CERT_WILDCARD, IsDefault: true },
      { CertificateArn: CERT_ECHO, IsDefault: false },
      { CertificateArn: CERT_API, IsDefault: false },
    ]);
    const paged = await h.elbv2.send(new DescribeListenerCertificatesCommand({ ListenerArn: listener, PageSize: 2 }));
    expect(paged.Certificates).toHaveLength(2);
    const rest = await h.elbv2.send(new DescribeListenerCertificatesCommand({ ListenerArn: listener, PageSize: 2, Marker: paged.NextMarker }));
    expect(rest.Certificates).toEqual([{ CertificateArn: CERT_API, IsDefault: false }]);
    expect(rest.NextMarker).toBeUndefined();
    expect((await h.acm.send(new DescribeCertificateCommand({ CertificateArn: CERT_API }))).Certificate!.InUseBy).toContain(lb);
    await h.elbv2.send(new RemoveListenerCertificatesCommand({ ListenerArn: listener, Certificates: [{ CertificateArn: CERT_API }] }));
    expect((await h.acm.send(new DescribeCertificateCommand({ CertificateArn: CERT_API }))).Certificate!.InUseBy).not.toContain(lb);
    expect((await failure(h.elbv2.send(new RemoveListenerCertificatesCommand({ ListenerArn: listener, Certificates: [{ CertificateArn: CERT_WILDCARD }] })))).name).toBe('OperationNotPermittedException');
    expect((await failure(h.elbv2.send(new AddListenerCertificatesCommand({ ListenerArn: listener, Certificates: [{ CertificateArn: CERT_PENDING }] })))).name).toBe('CertificateNotFoundException');
    const two = await failure(h.elbv2.send(new AddListenerCertificatesCommand({ ListenerArn: listener, Certificates: [{ CertificateArn: CERT_API }, { CertificateArn: CERT_ECHO }] })));
    expect(two.name).toBe('ValidationError');
    expect((await failure(h.elbv2.send(new DescribeListenerCertificatesCommand({ ListenerArn: listener.replace(/[0-9a-f]{16}$/, '0123456789abcdef') })))).name).toBe('ListenerNotFoundException');
  });
});
