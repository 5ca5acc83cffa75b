package io.payguard.archfixture.good.adapter.in.rest;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.payguard.archfixture.good.application.AmountService;

/** Fixture: an inbound adapter, free to speak JSON. */
public class AmountResource {
    final AmountService service;
    final ObjectMapper json = new ObjectMapper();

    public AmountResource(AmountService service) {
        this.service = service;
    }
}
